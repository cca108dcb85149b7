import { redirect } from '@sveltejs/kit';
import type { PageLoad } from './$types';

// The Overview became the Reach page; old links keep their filters.
export const load: PageLoad = ({ url }) => {
	redirect(307, `/reach${url.search}`);
};
