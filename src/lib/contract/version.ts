/**
 * The data contract's version, written into every cleaned-data export's manifest. Raise it when a
 * canonical table gains, loses or retypes a column, so a reader can tell which contract it holds.
 */
export const contractVersion = 1;
