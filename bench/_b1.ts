import { benchDiag, renderDiag } from './diag.ts';
for (const l of renderDiag(await benchDiag(Number(process.argv[2] ?? 1)))) console.log(l);
