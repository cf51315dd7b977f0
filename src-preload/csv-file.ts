/**
 * Files the app saves start with a UTF-8 byte-order mark: Excel reads a CSV as UTF-8
 * (accents, emoji) only then. The texts the CSV operations answer leave it out and the side
 * that writes the bytes adds it, once per file: in the text, one U+FEFF would make V8 hold
 * the whole export as a two-byte string, twice the memory of the ASCII most exports are.
 * Zod-free, so the renderer can import it without the contract's schemas.
 */
export const CSV_BYTE_ORDER_MARK = '\uFEFF';
