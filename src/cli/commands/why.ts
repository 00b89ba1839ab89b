// `relc why <bundle> <edge_id>` / `--from QNAME --to QNAME`: why an edge of a built graph exists.
import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { RelcError } from '../../ir/errors.ts';
import { RelcCommand } from '../base.ts';

export default class Why extends RelcCommand {
  static override description = 'Explain an edge of a graph built by relc build: the rules that produced it with the input rows (file, line, source) each used, the other candidates of its ambiguity group and why the winner won.';
  static override args = {
    bundle: Args.string({ description: 'The bundle relc build wrote.', required: true }),
    edge: Args.string({ description: 'The edge_id (or use --from/--to).' }),
  };
  static override flags = {
    from: Flags.string({ description: 'Qualified name of the edge source, e.g. pkg.mod.f.' }),
    to: Flags.string({ description: 'Qualified name of the edge target.' }),
    path: Flags.boolean({ description: 'With --from/--to: the shortest chain of calls between them (any number of edges), each edge explained.', default: false }),
    'max-hops': Flags.integer({ description: 'With --path: the longest chain looked for.', min: 1 }),
  };
  static override examples = ['<%= config.bin %> why runs/cpg 3f2a…', '<%= config.bin %> why runs/cpg --from main.run --to pkg.util.log', '<%= config.bin %> why runs/cpg --path --from main.main --to pkg.db.connect'];

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Why);
    if (args.edge === undefined && (flags.from === undefined || flags.to === undefined)) {
      throw new RelcError('SPEC_MISSING_FIELD', 'relc why needs an edge_id, or both --from and --to');
    }
    if (flags.path) {
      if (flags.from === undefined || flags.to === undefined) throw new RelcError('SPEC_MISSING_FIELD', 'relc why --path needs both --from and --to');
      const { whyPath, renderWhyPath } = await import('../../build/why-path.ts');
      const report = await whyPath(args.bundle, flags.from, flags.to, flags['max-hops'] === undefined ? {} : { maxHops: flags['max-hops'] });
      if (flags.json) this.printJson(report);
      else this.log(renderWhyPath(report));
      return;
    }
    const { why, renderWhy } = await import('../../build/why.ts');
    const reports = await why(args.bundle, args.edge !== undefined ? { edgeId: args.edge } : { from: flags.from, to: flags.to });
    if (flags.json) {
      this.printJson(reports);
      return;
    }
    this.log(reports.map(renderWhy).join('\n\n'));
  }
}
