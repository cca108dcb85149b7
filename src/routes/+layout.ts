// A single-page app: everything renders in the browser, where the data is.
export const ssr = false;
export const prerender = false;
