// `relc golden check|update [DIR]`: the semantic-regression gate over the golden corpus.
import * as Args from '@oclif/core/args';
import { RelcCommand } from '../base.ts';

export default class Golden extends RelcCommand {
  static override description =
    'Check the golden corpus (IR, optimized IR, SQL per dialect and view signatures of every case) against what relc compiles now, or rewrite it. ' +
    'check exits 1 with a unified diff per changed section and names the views whose definition changed and the downstream views impacted.';
  static override args = {
    action: Args.string({ description: 'check: compare; update: rewrite the cases that differ.', options: ['check', 'update'], required: true }),
    dir: Args.string({ description: 'A corpus directory (searched for *.golden) or one case file.', default: 'golden' }),
  };
  static override examples = ['<%= config.bin %> golden check golden', '<%= config.bin %> golden update golden/examples/quickstart.golden'];

  async run(): Promise<void> {
    const { checkGolden, goldenMismatch, renderGoldenReport, updateGolden } = await import('../../run/gate/golden.ts');
    const { args, flags } = await this.parse(Golden);
    const dir = args.dir;
    if (args.action === 'update') {
      const report = await updateGolden(dir);
      if (flags.json) this.printJson({ ok: true, cases: report.cases.length, rewritten: report.failing });
      else process.stdout.write(renderGoldenReport(report, 'update'));
      return;
    }
    const report = await checkGolden(dir);
    if (report.failing.length === 0) {
      if (flags.json) this.printJson({ ok: true, cases: report.cases.length });
      else process.stdout.write(renderGoldenReport(report, 'check'));
      return;
    }
    if (!flags.json) process.stdout.write(renderGoldenReport(report, 'check'));
    throw goldenMismatch(report, dir);
  }
}
