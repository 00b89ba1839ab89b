// The environment of a child process whose output a test reads: no colours. NO_COLOR alone, as
// Node warns when it sees FORCE_COLOR beside it.
const { FORCE_COLOR: _forced, ...inherited } = process.env;

export const PLAIN_ENV: NodeJS.ProcessEnv = { ...inherited, NO_COLOR: '1' };
