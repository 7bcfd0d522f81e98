/** A short article for the intake's tests: Yahoo's denial, which the seed's grant from Facebook to Yahoo contradicts. */
export const YAHOO_ARTICLE = `Yahoo denies it read Facebook users' data
December 21, 2018

NEW YORK — Yahoo on Friday disputed a report that Facebook had let it see users' data.

"Yahoo never had access to the personal data of Facebook users," a Yahoo spokeswoman said in an email.

Facebook said its partners had followed its privacy rules.
`;
