/** The one HTML content type of server-rendered pages and HTML error pages. */
export const HTML = 'text/html; charset=utf-8';
