/** Options every chart starts from: system fonts, readable sizes, room for labels. */
export const defaults = {
	style: { fontFamily: 'inherit', fontSize: '13px', overflow: 'visible' },
	marginLeft: 48,
	marginBottom: 40,
	height: 280
};

/** Whole numbers with thousands separators, as the UK writes them. */
export const count = (n: number) => n.toLocaleString('en-GB');
