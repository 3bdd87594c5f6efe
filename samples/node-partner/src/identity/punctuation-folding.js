// Step 3 of the name rules: typographic apostrophes and dashes fold to ASCII ' and -, before NFKC (which would turn
// U+00B4 into a space and a combining acute). Every folded character is in the BMP, so the length never changes.

/** Left and right single quotation marks, modifier letter apostrophe, modifier letter prime, grave and acute accents. */
export const APOSTROPHES = '\u2018\u2019\u02BC\u02B9\u0060\u00B4';

/** U+2010 to U+2015 and the minus sign U+2212. */
export const DASHES = '\u2010\u2011\u2012\u2013\u2014\u2015\u2212';

const FOLDED = new RegExp(`[${APOSTROPHES}${DASHES}]`, 'gu');

export const fold = (text) => text.replace(FOLDED, (c) => (APOSTROPHES.includes(c) ? "'" : '-'));
