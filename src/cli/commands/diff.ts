// `relc diff <specA> <specB>`: per view unchanged / changed (with a plan diff) / added / removed,
// and the downstream views a change impacts.
import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { RelcCommand } from '../base.ts';

export default class Diff extends RelcCommand {
  static override description = 'Compare two rule packs view by view by plan signature: unchanged, changed (with a diff of the plan printouts), added, removed, and the downstream views impacted.';
  static override args = {
    a: Args.string({ description: 'The rule pack before.', required: true }),
    b: Args.string({ description: 'The rule pack after.', required: true }),
  };
  static override flags = {
    'exit-code': Flags.boolean({ description: 'Exit 1 when the packs differ (as git diff --exit-code).' }),
  };
  static override examples = ['<%= config.bin %> diff main/relc.yaml branch/relc.yaml', '<%= config.bin %> diff a.yaml b.yaml --json'];

  async run(): Promise<void> {
    const { diffSpecs, renderSpecDiff, specsDiffer } = await import('../../run/gate/diff.ts');
    const { args, flags } = await this.parse(Diff);
    const d = await diffSpecs(args.a, args.b);
    if (flags.json) this.printJson(d);
    else process.stdout.write(renderSpecDiff(d));
    if (flags['exit-code'] && specsDiffer(d)) {
      process.exitCode = 1;
      this.exit(1);
    }
  }
}
