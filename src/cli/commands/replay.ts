// `relc replay <run-dir>`: re-run a bundle's rule pack with its recorded params and inputs and
// verify spec_hash, input fingerprints, view signatures and output content hashes.
import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { RelcCommand } from '../base.ts';

export default class Replay extends RelcCommand {
  static override description =
    'Re-run the rule pack a run bundle records, with the recorded params, engine, threads and optimizer passes, and verify spec_hash, input fingerprints, ' +
    'per-view signatures, per-output content hashes and the run envelope. Exits 1 with REPLAY_MISMATCH naming every difference.';
  static override args = { bundle: Args.string({ description: 'The run bundle directory (relc run --out DIR).', required: true }) };
  static override flags = {
    spec: Flags.string({ description: 'The rule pack to replay (default: the one the manifest records).' }),
    'allow-envelope-change': Flags.boolean({ description: 'Replay under a changed envelope (another relc or engine version, settings…): its differences become notes; results must still match.' }),
  };
  static override examples = ['<%= config.bin %> replay runs/quickstart'];

  async run(): Promise<void> {
    const { renderReplayReport, replayBundle, replayMismatch } = await import('../../run/gate/replay.ts');
    const { args, flags } = await this.parse(Replay);
    const report = await replayBundle(args.bundle, { ...(flags.spec !== undefined ? { spec: flags.spec } : {}), allowEnvelopeChange: flags['allow-envelope-change'] });
    if (!report.ok) {
      if (!flags.json) for (const n of report.notes) process.stderr.write(`note: ${n.message}\n`);
      throw replayMismatch(report);
    }
    if (flags.json) this.printJson(report);
    else process.stdout.write(renderReplayReport(report));
  }
}
