/** True on the last attempt BullMQ will make (`attemptsMade` counts the failed ones before this run). */
export function isLastAttempt(attemptsMade: number, attempts: number | undefined): boolean {
  return attemptsMade + 1 >= (attempts ?? 1);
}
