import { Foundation1763888400000 } from './1763888400000-Foundation';

/** Every migration, in order. Listed explicitly so that ts-node, jest and the compiled build load the same set. */
export const migrations = [Foundation1763888400000];
