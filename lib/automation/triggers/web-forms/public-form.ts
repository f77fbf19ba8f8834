/** The public form's hidden field: people never see it, form-filling robots fill it in. */
export const HONEYPOT = "website";
/** The window of the per-address submission limit (CRM_WEBFORM_LIMIT submissions in it). */
export const RATE_WINDOW_SECONDS = 600;
