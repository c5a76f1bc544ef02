/** Rows per insert: well below SQLite's limit of bound variables. */
export const BATCH_SIZE = 50;
/** Entity refs per `IN (...)` list. */
export const IN_LIST_SIZE = 500;
