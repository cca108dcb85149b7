import { execSync } from 'node:child_process';

/** Install a Debian package when its program is missing, so a fresh machine passes. */
export function ensureDebianTool(program: string, pkg: string): void {
	try {
		execSync(`command -v ${program}`, { stdio: 'ignore' });
		return;
	} catch {
		console.log(`Installing Debian ${pkg} for the browser tests…`);
	}
	execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${pkg}`, {
		stdio: 'inherit'
	});
}
