import { Command, Flags, Args, run, flush } from '@oclif/core';
class Hello extends Command {
  static override description = 'say hi';
  static override flags = { json: Flags.boolean({ description: 'json' }), target: Flags.string({ options: ['a', 'b'] }) };
  static override args = { file: Args.string({ required: true }) };
  async run() { const { args, flags } = await this.parse(Hello); console.log('hi', args, flags); }
}
export const COMMANDS = { hello: Hello };
