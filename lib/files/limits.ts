/** Never more than this, whatever a field says (CRM_UPLOAD_MAX_MB, default 20). */
export const UPLOAD_HARD_MAX_MB = Math.max(1, Number(process.env.CRM_UPLOAD_MAX_MB) || 20);
export const DEFAULT_MAX_MB = 10;
/** Documents and images; nothing a browser or an OS would run. */
export const DEFAULT_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "txt", "csv", "png", "jpg", "jpeg", "gif", "webp", "zip"];
export const NEVER_EXTENSIONS = new Set(["exe", "bat", "cmd", "com", "msi", "sh", "js", "mjs", "html", "htm", "svg", "php", "jar", "vbs", "ps1", "scr", "dll"]);
