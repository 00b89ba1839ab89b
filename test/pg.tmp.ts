import { spawnSync } from 'node:child_process';
import { startPostgres } from './lower-engines.ts';
const dir = startPostgres();
const r = spawnSync('psql', ['-h', dir, '-U', 'postgres', '-d', 'postgres', '-X', '-A', '-t', '-c', process.argv[2]!], { encoding: 'utf8' });
console.log(r.stdout, r.stderr);
