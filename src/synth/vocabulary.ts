import type { Random } from "./random.ts";

/** The words of the synthetic corpus: data categories, features (purposes) and made-up brand names. */

export interface Category {
  id: string;
  name: string;
  partOf?: string;
}

/** The article's five categories, as the article defines them, and more of the same shape. */
export const DATA_CATEGORIES: Category[] = [
  { id: "personal-data", name: "personal data" },
  { id: "messages", name: "messages", partOf: "personal-data" },
  { id: "private-messages", name: "private messages", partOf: "messages" },
  { id: "group-messages", name: "group messages", partOf: "messages" },
  { id: "friends-lists", name: "friends lists", partOf: "personal-data" },
  { id: "contacts", name: "contacts", partOf: "personal-data" },
  { id: "phone-contacts", name: "phone contacts", partOf: "contacts" },
  { id: "email-contacts", name: "email contacts", partOf: "contacts" },
  { id: "location", name: "location", partOf: "personal-data" },
  { id: "precise-location", name: "precise location", partOf: "location" },
  { id: "coarse-location", name: "coarse location", partOf: "location" },
  { id: "activity", name: "activity", partOf: "personal-data" },
  { id: "browsing-history", name: "browsing history", partOf: "activity" },
  { id: "purchase-history", name: "purchase history", partOf: "activity" },
  { id: "photos", name: "photos", partOf: "personal-data" },
  { id: "tagged-photos", name: "tagged photos", partOf: "photos" },
];
export const CATEGORY = new Map(DATA_CATEGORIES.map((c) => [c.id, c]));
/** Every category but the root (a statement about all personal data overlaps everything). */
export const GRANTABLE = DATA_CATEGORIES.filter((c) => c.partOf).map((c) => c.id);

/** The branch under the root a category belongs to (messages for private-messages). */
export function branchOf(id: string): string {
  let current = CATEGORY.get(id)!;
  while (current.partOf && current.partOf !== "personal-data") current = CATEGORY.get(current.partOf)!;
  return current.id;
}

export const children = (id: string) => DATA_CATEGORIES.filter((c) => c.partOf === id).map((c) => c.id);

export const FEATURES = [
  "messaging",
  "music-sharing",
  "ad-measurement",
  "contact-sync",
  "recommendations",
  "single-sign-on",
  "search-personalization",
  "video-features",
  "shopping",
  "gaming",
  "calendar-sync",
  "photo-printing",
];
export const FEATURE_WORDS: Record<string, string> = {
  messaging: "messaging features",
  "music-sharing": "music sharing",
  "ad-measurement": "advertising measurement",
  "contact-sync": "contact syncing",
  recommendations: "recommendations",
  "single-sign-on": "single sign-on",
  "search-personalization": "personalised search",
  "video-features": "video features",
  shopping: "shopping features",
  gaming: "social gaming",
  "calendar-sync": "calendar syncing",
  "photo-printing": "photo printing",
};

const SYLLABLES = ["zen", "lu", "mo", "ra", "tix", "vo", "ka", "lin", "dor", "sa", "pex", "qua", "ri", "nel", "tor", "vi", "bra", "so", "mi", "gen", "ax", "ly", "cor", "fen"];

export function brand(rng: Random): string {
  const n = rng.int(2, 3);
  let word = "";
  for (let i = 0; i < n; i++) word += rng.pick(SYLLABLES);
  return word[0].toUpperCase() + word.slice(1);
}
