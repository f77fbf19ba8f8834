/** The reference's SOURCE_ID and TYPE_ID codes; labels live in the message catalogues. */
export const dealSources = ["CALL", "EMAIL", "WEB", "ADVERTISING", "PARTNER", "RECOMMENDATION", "TRADE_SHOW", "WEBFORM", "CALLBACK", "OTHER"] as const;
export type DealSource = (typeof dealSources)[number];

export const dealTypes = ["SALE", "COMPLEX", "GOODS", "SERVICES", "SERVICE"] as const;
export type DealType = (typeof dealTypes)[number];

export const TITLE_MAX = 255;
export const TEXT_MAX = 20_000;

/** Defaults on create, as the reference sets them. */
export const DEFAULT_CLOSE_AFTER_DAYS = 7;
