import { redirect } from '@sveltejs/kit';

// The Overview became the Reach page; old links keep their filters.
export function load({ url }) {
	redirect(307, `/reach${url.search}`);
}
