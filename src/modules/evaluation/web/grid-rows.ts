/**
 * The grid editor works without JavaScript (issue 14): every row carries « Monter », « Descendre » and « Supprimer »
 * submit buttons and the form an « Ajouter un critère » one. A click posts the whole form with `action`, and the page
 * comes back with the rows rearranged and nothing saved; « Enregistrer la grille » saves.
 */
export type RowAction = { kind: 'save' } | { kind: 'add' } | { kind: 'up' | 'down' | 'remove'; index: number };

export function parseRowAction(raw: string): RowAction {
  if (raw === 'ajouter') return { kind: 'add' };
  const m = /^(monter|descendre|supprimer)_(\d{1,2})$/.exec(raw);
  if (!m) return { kind: 'save' };
  return { kind: m[1] === 'monter' ? 'up' : m[1] === 'descendre' ? 'down' : 'remove', index: Number(m[2]) };
}

/** The rows after a move or a removal; out-of-range moves leave them as they are. */
export function applyRowAction<T>(rows: readonly T[], action: RowAction): T[] {
  const out = [...rows];
  if (action.kind === 'remove' && action.index < out.length) out.splice(action.index, 1);
  if (action.kind === 'up' && action.index > 0 && action.index < out.length)
    [out[action.index - 1], out[action.index]] = [out[action.index]!, out[action.index - 1]!];
  if (action.kind === 'down' && action.index < out.length - 1) [out[action.index], out[action.index + 1]] = [out[action.index + 1]!, out[action.index]!];
  return out;
}
