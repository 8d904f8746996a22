import type { ProgramConsoleDeps } from './deps.ts';

/**
 * Mails the low-stock warnings the claims marked (see the programs module's claim): each to the account's
 * enabled administrators, once. A warning none of whose mails went out is put back for the next round.
 */
export async function mailLowStockWarnings(deps: ProgramConsoleDeps): Promise<number> {
  const due = await deps.programs.repo.takeLowStockWarnings(deps.programs.clock.now());
  let mailed = 0;
  for (const w of due) {
    const [program, remaining, to] = await Promise.all([
      deps.programs.repo.findInAccount(w.accountId, w.programId),
      deps.programs.repo.remainingRewardCodes(w.programId),
      deps.administrators(w.accountId),
    ]);
    if (!program || to.length === 0) continue;
    const link = `${deps.publicUrl}/console/programs/${program.id}/reward-codes`;
    const sent = await Promise.allSettled(
      to.map((address, i) =>
        deps.mailer.send({
          to: address,
          subject: `Reward codes running low: ${program.name}`,
          text: [
            `The program "${program.name}" has ${remaining} reward code${remaining === 1 ? '' : 's'} left, at or below the warning threshold of ${w.threshold}.`,
            'When no code is left, people who are verified get an error instead of a reward.',
            '',
            `Upload more codes: ${link}`,
          ].join('\n'),
          messageId: `<low-stock-${program.id}-${deps.programs.clock.now().getTime()}-${i}@vouch>`,
        }),
      ),
    );
    if (sent.some((s) => s.status === 'fulfilled')) mailed += 1;
    else await deps.programs.repo.releaseLowStockWarning(w.programId);
  }
  return mailed;
}
