/**
 * The documented ceiling of any single amount the API accepts (docs/api.md): 10^11 cents, one billion euros — far
 * above any ESF+ operation or call envelope, and low enough that a sum of the at most 200 lines of a plan stays an
 * exact integer (2 × 10^13 < Number.MAX_SAFE_INTEGER ≈ 9 × 10^15).
 */
export const MAX_AMOUNT_CENTS = 100_000_000_000;

export const MAX_AMOUNT_MESSAGE = { message: 'Le montant dépasse le plafond accepté de 1 milliard d’euros (100 000 000 000 centimes).' };
