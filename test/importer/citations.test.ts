import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { findCitations, findCrossReferences, type CitationContext } from '../../src/importer/citations-logic.ts';
import type { Reference } from '../../src/importer/document.ts';

const GA: CitationContext = { body: 'General Assembly' };
const ECOSOC: CitationContext = { body: 'Economic and Social Council' };
const CCPCJ: CitationContext = { body: 'Commission on Crime Prevention and Criminal Justice' };

interface Want {
  text: string;
  symbol: string | null;
  pinpoint?: string | null;
  instrument?: string | null;
  volume?: string;
  /** where the span starts; by default the first place of `text` after the previous reference */
  start?: number;
}

/** Checks every reference found: its words, exact span, symbol, pinpoint, instrument and volume. */
function expectCitations(input: string, context: CitationContext, wants: Want[]): Reference[] {
  const refs = findCitations(input, context);
  assert.deepEqual(
    refs.map((ref) => ref.text),
    wants.map((want) => want.text),
    `references found in ${JSON.stringify(input)}: ${JSON.stringify(refs, null, 1)}`,
  );
  let from = 0;
  refs.forEach((ref, i) => {
    const want = wants[i]!;
    const start = want.start ?? input.indexOf(want.text, from);
    const label = `"${want.text}" in ${JSON.stringify(input)}`;
    assert.equal(ref.kind, 'citation', label);
    assert.equal(ref.start, start, `start of ${label}`);
    assert.equal(ref.end, start + want.text.length, `end of ${label}`);
    assert.equal(ref.symbol, want.symbol, `symbol of ${label}`);
    assert.equal(ref.pinpoint, want.pinpoint ?? null, `pinpoint of ${label}`);
    assert.equal(ref.instrument, want.instrument ?? null, `instrument of ${label}`);
    assert.equal(ref.volume, want.volume, `volume of ${label}`);
    from = ref.end;
  });
  return refs;
}

// ---- resolutions and decisions ---------------------------------------------------------------

test('"General Assembly resolution 45/110, annex" is the Tokyo Rules', () => {
  expectCitations('General Assembly resolution 45/110, annex.', {}, [
    { text: '45/110', start: 28, symbol: 'A/RES/45/110', pinpoint: 'annex', instrument: 'tokyo-rules' },
  ]);
});

test('"Assembly resolution 60/177, annex" is the Bangkok Declaration', () => {
  expectCitations('⁷ Assembly resolution 60/177, annex.', ECOSOC, [
    { text: '60/177', start: 22, symbol: 'A/RES/60/177', pinpoint: 'annex', instrument: 'bangkok-declaration' },
  ]);
});

test('a bare "Resolution 65/228, annex" is the Assembly\'s, whatever document it stands in', () => {
  for (const context of [GA, ECOSOC, CCPCJ, {}]) {
    expectCitations('10 Resolution 65/228, annex.', context, [
      { text: '65/228', symbol: 'A/RES/65/228', pinpoint: 'annex', instrument: 'violence-against-women-model-strategies' },
    ]);
  }
});

test('"its resolution" is a resolution of the body whose document it is', () => {
  expectCitations('Recalling its resolution 65/230 of 21 December 2010, entitled', GA, [
    { text: '65/230', symbol: 'A/RES/65/230' },
  ]);
  expectCitations('*Recalling* its resolution 1993/34 of 27 July 1993, in section III of which', ECOSOC, [
    { text: '1993/34', symbol: 'E/RES/1993/34' },
  ]);
  expectCitations('Recalling its resolution 18/1 of 24 April 2009', CCPCJ, [{ text: '18/1', symbol: 'E/CN.15/RES/18/1' }]);
  expectCitations('Recalling its resolution 11/2', { body: 'Human Rights Council' }, [{ text: '11/2', symbol: 'A/HRC/RES/11/2' }]);
  // The Assembly numbered its eighteenth session "1904 (XVIII)": "18/1" cannot be its resolution.
  expectCitations('Recalling its resolution 18/1', GA, [{ text: '18/1', symbol: null }]);
});

test('a draft Assembly resolution inside a Commission report keeps the Assembly\'s numbers', () => {
  expectCitations('Reaffirming its resolution 52/86 of 12 December 1997, in which it adopted', CCPCJ, [
    { text: '52/86', symbol: 'A/RES/52/86' },
  ]);
});

test('a list of resolutions gives one reference per resolution', () => {
  const input = '⁷⁷ In line with General Assembly resolutions 46/152, 56/119, 62/173, 63/193 and 64/180.';
  expectCitations(input, CCPCJ, [
    { text: '46/152', symbol: 'A/RES/46/152' },
    { text: '56/119', symbol: 'A/RES/56/119' },
    { text: '62/173', symbol: 'A/RES/62/173' },
    { text: '63/193', symbol: 'A/RES/63/193' },
    { text: '64/180', symbol: 'A/RES/64/180' },
  ]);
  expectCitations('7 In line with resolutions 46/152, 56/119, 62/173, 63/193 and 64/180.', GA, [
    { text: '46/152', start: 27, symbol: 'A/RES/46/152' },
    { text: '56/119', start: 35, symbol: 'A/RES/56/119' },
    { text: '62/173', start: 43, symbol: 'A/RES/62/173' },
    { text: '63/193', start: 51, symbol: 'A/RES/63/193' },
    { text: '64/180', start: 62, symbol: 'A/RES/64/180' },
  ]);
  expectCitations(
    'Recalling General Assembly resolutions 58/17 of 3 December 2003, 61/52 of 4 December 2006 and 64/78 of 7 December 2009 on the return',
    CCPCJ,
    [
      { text: '58/17', symbol: 'A/RES/58/17' },
      { text: '61/52', symbol: 'A/RES/61/52' },
      { text: '64/78', symbol: 'A/RES/64/78' },
    ],
  );
});

test('Economic and Social Council resolutions are numbered by year', () => {
  expectCitations('³² Economic and Social Council resolution 1984/47, annex.', GA, [
    { text: '1984/47', symbol: 'E/RES/1984/47', pinpoint: 'annex', instrument: 'smr-implementation-procedures' },
  ]);
  expectCitations('¹³ Council resolution 2002/13, annex.', GA, [
    { text: '2002/13', symbol: 'E/RES/2002/13', pinpoint: 'annex', instrument: 'crime-prevention-guidelines' },
  ]);
  expectCitations('its resolutions 2004/34 of 21 July 2004 and 2008/23 of 24 July 2008, entitled', ECOSOC, [
    { text: '2004/34', symbol: 'E/RES/2004/34' },
    { text: '2008/23', symbol: 'E/RES/2008/23' },
  ]);
});

test('old numbering: "663 C (XXIV)", "2076 (LXII)", "155 C (VII)", "415 (V)"', () => {
  const smr =
    'approved by the Economic and Social Council in its resolution 663 C (XXIV) of 31 July 1957 and \nextended by the Council by its resolution 2076 (LXII) of 13 May 1977, have';
  expectCitations(smr, GA, [
    { text: '663 C (XXIV)', symbol: 'E/RES/663(XXIV)', pinpoint: 'C', instrument: 'standard-minimum-rules' },
    { text: '2076 (LXII)', symbol: 'E/RES/2076(LXII)' },
  ]);
  expectCitations(
    'in pursuance of Economic and Social Council resolution 155 C (VII) of 13 August 1948 and General Assembly resolution 415 (V) of 1 December 1950,',
    GA,
    [
      { text: '155 C (VII)', symbol: 'E/RES/155(VII)', pinpoint: 'C' },
      { text: '415 (V)', symbol: 'A/RES/415(V)' },
    ],
  );
  // Without a body: the Assembly's Roman-numbered sessions ended with the thirtieth.
  expectCitations('resolution 2076 (LXII) and resolution 3452 (XXX), annex', {}, [
    { text: '2076 (LXII)', symbol: 'E/RES/2076(LXII)' },
    { text: '3452 (XXX)', symbol: 'A/RES/3452(XXX)', pinpoint: 'annex', instrument: 'torture-declaration' },
  ]);
});

test('special sessions: "Assembly resolution S-23/2, annex, and resolution S-23/3, annex"', () => {
  expectCitations('⁴ Assembly resolution S-23/2, annex, and resolution S-23/3, annex.', {}, [
    { text: 'S-23/2', symbol: 'A/RES/S-23/2', pinpoint: 'annex' },
    { text: 'S-23/3', symbol: 'A/RES/S-23/3', pinpoint: 'annex' },
  ]);
});

test('Security Council resolutions "1325 (2000) and 1820 (2008)"', () => {
  expectCitations('implement Security Council resolutions 1325 (2000) and 1820 (2008) on women', GA, [
    { text: '1325 (2000)', symbol: 'S/RES/1325(2000)' },
    { text: '1820 (2008)', symbol: 'S/RES/1820(2008)' },
  ]);
});

test('Commission resolutions and decisions are written E/CN.15/RES/… and E/CN.15/DEC/…', () => {
  expectCitations(
    'Recalling Commission on Crime Prevention and Criminal Justice resolution 18/1 of 24 April 2009, and Commission on Crime Prevention and Criminal Justice decision 17/1 of 18 April 2008,',
    GA,
    [
      { text: '18/1', symbol: 'E/CN.15/RES/18/1' },
      { text: '17/1', symbol: 'E/CN.15/DEC/17/1' },
    ],
  );
  expectCitations('the Commission in its resolution 19/1', ECOSOC, [{ text: '19/1', symbol: 'E/CN.15/RES/19/1' }]);
  expectCitations('Commission resolution 53/1', { body: 'Commission on Narcotic Drugs' }, [{ text: '53/1', symbol: 'E/CN.7/RES/53/1' }]);
  expectCitations('Commission on Narcotic Drugs resolution 53/1', GA, [{ text: '53/1', symbol: 'E/CN.7/RES/53/1' }]);
});

test('Human Rights Council resolutions and Council decisions', () => {
  expectCitations('Taking note of Human Rights Council resolution 11/2 of 17 June 2009, entitled', GA, [
    { text: '11/2', symbol: 'A/HRC/RES/11/2' },
  ]);
  expectCitations('see also Economic and Social Council decision 2005/232.', {}, [{ text: '2005/232', symbol: 'E/DEC/2005/232' }]);
  expectCitations('General Assembly decision 64/555', {}, [{ text: '64/555', symbol: 'A/DEC/64/555' }]);
  expectCitations('Recalling also its resolution 57/270 B of 23 June 2003', GA, [{ text: '57/270 B', symbol: 'A/RES/57/270B' }]);
});

test('the other forms of docs/citations.md', () => {
  expectCitations('General Assembly resolution 2200 A (XXI), annex', {}, [{ text: '2200 A (XXI)', symbol: 'A/RES/2200(XXI)', pinpoint: 'A, annex' }]);
  expectCitations('Commission on Human Rights resolution 2005/23', {}, [{ text: '2005/23', symbol: 'E/CN.4/RES/2005/23' }]);
  expectCitations('Assembly resolution ES-10/14', {}, [{ text: 'ES-10/14', symbol: 'A/RES/ES-10/14' }]);
  expectCitations('Human Rights Council decision 11/101', {}, [{ text: '11/101', symbol: 'A/HRC/DEC/11/101' }]);
  expectCitations('Commission on the Status of Women resolution 54/2', {}, [{ text: '54/2', symbol: 'E/CN.6/RES/54/2' }]);
  // The Assembly never numbered a resolution "1325 (2000)": the citation is found, its target unknown.
  expectCitations('General Assembly resolution 1325 (2000)', {}, [{ text: '1325 (2000)', symbol: null }]);
});

test('words that are not citations stay unread', () => {
  expectCitations('Draft resolution I. The resolutions and decisions adopted by the Commission; resolution 1 of the Congress.', GA, []);
  expectCitations('a resolution of 2010 and decision 5', GA, []);
});

// ---- document symbols ------------------------------------------------------------------------

test('plain document symbols, with their pinpoints', () => {
  expectCitations('¹¹ See E/CN.15/2012/18; the recommendations', {}, [{ text: 'E/CN.15/2012/18', symbol: 'E/CN.15/2012/18' }]);
  expectCitations('⁴⁴ A/CONF.213/18, chap. I, resolution 1.', {}, [
    { text: 'A/CONF.213/18', start: 3, symbol: 'A/CONF.213/18', pinpoint: 'chap. I, resolution 1' },
  ]);
  expectCitations('²⁵ A/56/326, annex.', {}, [{ text: 'A/56/326', symbol: 'A/56/326', pinpoint: 'annex' }]);
  expectCitations('⁴³ A/CONF.213/RPM.1/1, A/CONF.213/RPM.2/1, A/CONF.213/RPM.3/1 and A/CONF.213/RPM.4/1.', {}, [
    { text: 'A/CONF.213/RPM.1/1', symbol: 'A/CONF.213/RPM.1/1' },
    { text: 'A/CONF.213/RPM.2/1', symbol: 'A/CONF.213/RPM.2/1' },
    { text: 'A/CONF.213/RPM.3/1', symbol: 'A/CONF.213/RPM.3/1' },
    { text: 'A/CONF.213/RPM.4/1', symbol: 'A/CONF.213/RPM.4/1' },
  ]);
  expectCitations('⁵³ A/CONF.169/16/REV.1, chap. I, resolutions 1 (on recommendations), 5 (on prisons) and 8 (on violence).', {}, [
    { text: 'A/CONF.169/16/REV.1', symbol: 'A/CONF.169/16/Rev.1', pinpoint: 'chap. I, resolutions 1, 5 and 8' },
  ]);
  expectCitations('¹¹ See *Official Records of the Economic and Social Council, 2010, Supplement No. 10* (E/2010/30), para. 150.', {}, [
    { text: 'E/2010/30', symbol: 'E/2010/30', pinpoint: 'para. 150' },
  ]);
  expectCitations('as in A/RES/70/175, annex, and S/RES/1325 (2000)', {}, [
    { text: 'A/RES/70/175', symbol: 'A/RES/70/175', pinpoint: 'annex', instrument: 'nelson-mandela-rules' },
    { text: 'S/RES/1325 (2000)', symbol: 'S/RES/1325(2000)' },
  ]);
});

test('joint symbols give one reference per symbol, sharing the pinpoint', () => {
  expectCitations('⁶⁵ E/CN.7/2010/13-E/CN.15/2010/13.', {}, [
    { text: 'E/CN.7/2010/13', start: 3, symbol: 'E/CN.7/2010/13' },
    { text: 'E/CN.15/2010/13', start: 18, symbol: 'E/CN.15/2010/13' },
  ]);
  expectCitations('⁶⁸ E/CN.7/2010/13-E/CN.15/2010/13, paras. 1-3 and 35.', {}, [
    { text: 'E/CN.7/2010/13', symbol: 'E/CN.7/2010/13', pinpoint: 'paras. 1-3 and 35' },
    { text: 'E/CN.15/2010/13', symbol: 'E/CN.15/2010/13', pinpoint: 'paras. 1-3 and 35' },
  ]);
  expectCitations('⁶⁹ A/64/92-E/2009/98, sect. II.A.', {}, [
    { text: 'A/64/92', symbol: 'A/64/92', pinpoint: 'sect. II.A' },
    { text: 'E/2009/98', symbol: 'E/2009/98', pinpoint: 'sect. II.A' },
  ]);
});

test('corrigenda and addenda named after a symbol are documents of their own', () => {
  const input =
    '⁵ See *Official Records of the Economic and Social Council, 2005, Supplement No. 7* and corrigendum (E/2005/27 and Corr.1), chap. 1, sect. A; see also Economic and Social Council decision 2005/232.';
  expectCitations(input, {}, [
    { text: 'E/2005/27', symbol: 'E/2005/27', pinpoint: 'chap. 1, sect. A' },
    { text: 'Corr.1', symbol: 'E/2005/27/Corr.1' },
    { text: '2005/232', symbol: 'E/DEC/2005/232' },
  ]);
  expectCitations('¹ E/CN.15/2003/10 and Add.1 and 2.', {}, [
    { text: 'E/CN.15/2003/10', symbol: 'E/CN.15/2003/10' },
    { text: 'Add.1', symbol: 'E/CN.15/2003/10/Add.1' },
    { text: '2', start: 32, symbol: 'E/CN.15/2003/10/Add.2' },
  ]);
});

// ---- Treaty Series and "Ibid." ---------------------------------------------------------------

test('the United Nations Treaty Series is cited by volume and registration number', () => {
  expectCitations('4 United Nations, Treaty Series, vol. 1465, No. 24841.', {}, [
    { text: 'vol. 1465, No. 24841', start: 33, symbol: 'UNTS/1465/24841', volume: '1465' },
  ]);
  expectCitations('⁶ United Nations, *Treaty Series*, vol. 1249, No. 20378.', {}, [
    { text: 'vol. 1249, No. 20378', symbol: 'UNTS/1249/20378', volume: '1249' },
  ]);
  expectCitations('¹¹⁵ United Nations, *Treaty Series*, vols. 2225, 2237, 2241 and 2326, No. 39574.', {}, [
    { text: '2225', symbol: 'UNTS/2225/39574', volume: '2225' },
    { text: '2237', symbol: 'UNTS/2237/39574', volume: '2237' },
    { text: '2241', symbol: 'UNTS/2241/39574', volume: '2241' },
    { text: '2326', symbol: 'UNTS/2326/39574', volume: '2326' },
  ]);
});

test('"Ibid." takes the symbol cited before it', () => {
  expectCitations('5 Ibid., vol. 2375, No. 24841.', { previousSymbol: 'UNTS/1465/24841' }, [
    { text: 'vol. 2375, No. 24841', symbol: 'UNTS/2375/24841', volume: '2375' },
  ]);
  expectCitations('⁸³ Ibid., vols. 2237, 2241 and 2326, No. 39574.', { previousSymbol: 'UNTS/2349/42146' }, [
    { text: '2237', symbol: 'UNTS/2237/39574', volume: '2237' },
    { text: '2241', symbol: 'UNTS/2241/39574', volume: '2241' },
    { text: '2326', symbol: 'UNTS/2326/39574', volume: '2326' },
  ]);
  expectCitations('⁷² Ibid., chap. I, resolution 1.', { previousSymbol: 'A/CONF.213/18' }, [
    { text: 'Ibid.', symbol: 'A/CONF.213/18', pinpoint: 'chap. I, resolution 1' },
  ]);
  expectCitations('⁹⁰ *Ibid.*', { previousSymbol: 'UNTS/249/3511' }, [{ text: 'Ibid.', start: 4, symbol: 'UNTS/249/3511', volume: '249' }]);
  // Within one text, the nearest earlier citation wins over the previous footnote.
  expectCitations('See A/CONF.213/18; ibid., chap. I.', { previousSymbol: 'E/2010/30' }, [
    { text: 'A/CONF.213/18', symbol: 'A/CONF.213/18' },
    { text: 'ibid.', symbol: 'A/CONF.213/18', pinpoint: 'chap. I' },
  ]);
  // Nothing to refer to: the citation is found but its target is unknown.
  expectCitations('Ibid.', {}, [{ text: 'Ibid.', symbol: null }]);
});

// ---- United Nations publications -------------------------------------------------------------

test('a United Nations sales publication is cited by its sales number', () => {
  expectCitations(
    '² *Report of the Fourth World Conference on Women, Beijing, 4-15 September 1995* (United Nations publication, Sales No. E.96.IV.13), chap. I, resolution 1, annexes I and II.',
    {},
    [{ text: 'Sales No. E.96.IV.13', symbol: 'SALES/E.96.IV.13', pinpoint: 'chap. I, resolution 1, annexes I and II' }],
  );
  expectCitations(
    '2 Human Rights: A Compilation of International Instruments, Volume I (First Part), Universal Instruments \n(United Nations publication, Sales No. E.02.XIV.4 (Vol. I, Part 1)), sect. J, No. 34.',
    {},
    [{ text: 'Sales No. E.02.XIV.4', symbol: 'SALES/E.02.XIV.4', pinpoint: 'Vol. I, Part 1, sect. J, No. 34' }],
  );
  expectCitations(
    '⁵² Basic Principles for the Treatment of Prisoners (General Assembly resolution 45/111, annex); *Eighth United Nations Congress* (United Nations publication, Sales No. E.91.IV.2), chap. I, sect. C, resolutions 17 (on pretrial detention), 19 (on sentencing policies) and 21 (on cooperation).',
    {},
    [
      { text: 'Basic Principles for the Treatment of Prisoners', symbol: 'A/RES/45/111', pinpoint: 'annex', instrument: 'basic-principles-treatment-of-prisoners' },
      { text: '45/111', symbol: 'A/RES/45/111', pinpoint: 'annex', instrument: 'basic-principles-treatment-of-prisoners' },
      { text: 'Sales No. E.91.IV.2', symbol: 'SALES/E.91.IV.2', pinpoint: 'chap. I, sect. C, resolutions 17, 19 and 21' },
    ],
  );
});

// ---- instruments named in the text -----------------------------------------------------------

test('an instrument named in the text is cited by its adopting act', () => {
  const input =
    'in accordance with the United Nations Standard Minimum Rules for  \nNon-custodial Measures (the Tokyo Rules),3 \n\n and that the Standard Minimum Rules for the \nTreatment of Prisoners2 have been of value';
  expectCitations(input, ECOSOC, [
    {
      text: 'United Nations Standard Minimum Rules for  \nNon-custodial Measures (the Tokyo Rules)',
      symbol: 'A/RES/45/110',
      pinpoint: 'annex',
      instrument: 'tokyo-rules',
    },
    { text: 'Standard Minimum Rules for the \nTreatment of Prisoners', symbol: 'E/RES/663(XXIV)', pinpoint: 'C', instrument: 'standard-minimum-rules' },
  ]);
  expectCitations('consistent with the Standard Minimum Rules and the Tokyo Rules, the Nelson Mandela Rules', {}, [
    { text: 'Standard Minimum Rules', symbol: 'E/RES/663(XXIV)', pinpoint: 'C', instrument: 'standard-minimum-rules' },
    { text: 'Tokyo Rules', symbol: 'A/RES/45/110', pinpoint: 'annex', instrument: 'tokyo-rules' },
    { text: 'Nelson Mandela Rules', symbol: 'A/RES/70/175', pinpoint: 'annex', instrument: 'nelson-mandela-rules' },
  ]);
  expectCitations('the United Nations Standard Minimum Rules for the Treatment of Prisoners (the Nelson Mandela Rules) apply', {}, [
    {
      text: 'United Nations Standard Minimum Rules for the Treatment of Prisoners (the Nelson Mandela Rules)',
      symbol: 'A/RES/70/175',
      pinpoint: 'annex',
      instrument: 'nelson-mandela-rules',
    },
  ]);
  // The longest name wins: these procedures are an instrument of their own.
  expectCitations('the procedures for the effective implementation of the Standard Minimum Rules for the Treatment of Prisoners, approved', {}, [
    {
      text: 'procedures for the effective implementation of the Standard Minimum Rules for the Treatment of Prisoners',
      symbol: 'E/RES/1984/47',
      pinpoint: 'annex',
      instrument: 'smr-implementation-procedures',
    },
  ]);
  expectCitations('the Basic Principles on the Use of Force and Firearms by Law Enforcement Officials', {}, [
    {
      text: 'Basic Principles on the Use of Force and Firearms by Law Enforcement Officials',
      symbol: 'A/CONF.144/28/Rev.1',
      pinpoint: 'chap. I, sect. B.2, annex',
      instrument: 'use-of-force-principles',
    },
  ]);
  expectCitations('the Ouagadougou Declaration', {}, [{ text: 'Ouagadougou Declaration', symbol: null, instrument: 'ouagadougou-declaration' }]);
});

test('texts whose names only begin like an instrument\'s are not taken for it', () => {
  expectCitations('the Vienna Declaration and Programme of Action of 1993', {}, []);
  expectCitations('the Vienna Declaration on Crime and Justice: Meeting the Challenges of the Twenty-first Century,³', {}, [
    {
      text: 'Vienna Declaration on Crime and Justice: Meeting the Challenges of the Twenty-first Century',
      symbol: 'A/RES/55/59',
      pinpoint: 'annex',
      instrument: 'vienna-declaration',
    },
  ]);
});

test('a resolution is an instrument only when the citation names the part that holds it', () => {
  expectCitations('General Assembly resolution 45/110 of 14 December 1990', {}, [{ text: '45/110', symbol: 'A/RES/45/110' }]);
  expectCitations('General Assembly resolution 45/166', {}, [{ text: '45/166', symbol: 'A/RES/45/166' }]);
  expectCitations('General Assembly resolution 65/230, annex', {}, [
    { text: '65/230', symbol: 'A/RES/65/230', pinpoint: 'annex', instrument: 'salvador-declaration' },
  ]);
});

// ---- the seeds -------------------------------------------------------------------------------

const seedsDir = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));
const SUPERSCRIPT_MARKER = /^[⁰¹²³⁴⁵⁶⁷⁸⁹]+ /;
const PLAIN_MARKER = /^\d{1,3} \S/;
/** How each seed writes a footnote line, and the body whose document it is. */
const SEEDS: Array<{ file: string; marker: RegExp; body: string }> = [
  { file: '000_5723dc49d535a081.txt', marker: PLAIN_MARKER, body: 'Economic and Social Council' },
  { file: '001_d10525ab6de93350.txt', marker: SUPERSCRIPT_MARKER, body: 'Commission on Crime Prevention and Criminal Justice' },
  { file: '002_393f743abdb401da.txt', marker: PLAIN_MARKER, body: 'General Assembly' },
  { file: '004_8ea4286a28b79833.txt', marker: SUPERSCRIPT_MARKER, body: 'Economic and Social Council' },
];

test('every footnote of the seeds that mentions a resolution yields a resolved citation', () => {
  let checked = 0;
  for (const seed of SEEDS) {
    const lines = readFileSync(seedsDir + seed.file, 'utf8').split('\n');
    let previousSymbol: string | null = null;
    for (const line of lines.filter((candidate) => seed.marker.test(candidate))) {
      const refs = findCitations(line, { body: seed.body, previousSymbol });
      if (/resolution/i.test(line)) {
        checked++;
        assert.ok(refs.length > 0, `${seed.file}: no citation in ${line}`);
        assert.ok(refs.every((ref) => ref.symbol !== null), `${seed.file}: unresolved citation in ${line}: ${JSON.stringify(refs)}`);
      }
      for (const ref of refs) if (ref.symbol !== null) previousSymbol = ref.symbol;
    }
  }
  assert.ok(checked >= 60, `only ${checked} footnotes mention a resolution`);
});

test('footnotes of seed 001 resolve to the expected symbols, "Ibid." included', () => {
  const lines = readFileSync(seedsDir + '001_d10525ab6de93350.txt', 'utf8').split('\n').filter((line) => SUPERSCRIPT_MARKER.test(line));
  let previousSymbol: string | null = null;
  const symbols = new Map<string, string[]>();
  for (const line of lines) {
    const refs = findCitations(line, { body: 'Commission on Crime Prevention and Criminal Justice', previousSymbol });
    symbols.set(line.split(' ')[0]!, refs.map((ref) => ref.symbol ?? 'null'));
    for (const ref of refs) if (ref.symbol !== null) previousSymbol = ref.symbol;
  }
  const expected: Record<string, string[]> = {
    '¹': ['A/RES/48/104'],
    '⁴': ['A/RES/S-23/2', 'A/RES/S-23/3'],
    '⁵': ['E/2005/27', 'E/2005/27/Corr.1', 'E/DEC/2005/232'],
    '¹⁹': ['UNTS/1577/27531'],
    '²¹': ['UNTS/999/14668'],
    '²²': ['UNTS/2237/39574'],
    '⁶⁶': ['E/CN.15/2010/13'],
    '⁷²': ['A/CONF.213/18'],
    '⁸⁴': ['UNTS/1577/27531', 'UNTS/2171/27531', 'UNTS/2173/27531'],
    '⁹⁰': ['UNTS/249/3511'],
    '⁹⁷': ['SALES/E.91.IV.2'],
    '¹¹²': ['UNTS/2225/39574'],
    '¹¹³': ['UNTS/2225/39574'],
    '¹¹⁴': ['UNTS/2237/39574'],
  };
  for (const [marker, want] of Object.entries(expected)) assert.deepEqual(symbols.get(marker), want, `footnote ${marker}`);
});

test('seed 003 names the four standards of its paragraph 3 and the three of paragraph 4', () => {
  const text = readFileSync(seedsDir + '003_7be41f6787f38f68.txt', 'utf8');
  const instruments = findCitations(text, ECOSOC)
    .map((ref) => ref.instrument)
    .filter((id): id is string => typeof id === 'string');
  assert.deepEqual(instruments, [
    'standard-minimum-rules',
    'law-enforcement-code-of-conduct',
    'use-of-force-principles',
    'victims-declaration',
    'judiciary-independence-principles',
    'tokyo-rules',
    'prosecutors-guidelines',
    'lawyers-principles',
  ]);
});

// ---- cross-references ------------------------------------------------------------------------

const SMR = 'Standard Minimum Rules for the Treatment of Prisoners';

function crossReferences(input: string): Array<Pick<Reference, 'text' | 'instrument' | 'provisions' | 'relation' | 'symbol'>> {
  return findCrossReferences(input).map((ref) => {
    assert.equal(ref.kind, 'crossReference');
    assert.equal(input.slice(ref.start, ref.end), ref.text);
    return { text: ref.text, instrument: ref.instrument, provisions: ref.provisions, relation: ref.relation, symbol: ref.symbol };
  });
}

test('a cross-reference note names the provisions it supplements, ranges spelt out', () => {
  assert.deepEqual(crossReferences(`[Supplements rule 6 of the ${SMR}]`), [
    { text: `rule 6 of the ${SMR}`, instrument: 'standard-minimum-rules', provisions: ['rule-6'], relation: 'supplements', symbol: 'E/RES/663(XXIV)' },
  ]);
  assert.deepEqual(crossReferences(`[Supplements rules 22-26 of the ${SMR}]`)[0]!.provisions, ['rule-22', 'rule-23', 'rule-24', 'rule-25', 'rule-26']);
  assert.deepEqual(crossReferences(`[Supplements rules 15 and 16 of the ${SMR}]`)[0]!.provisions, ['rule-15', 'rule-16']);
  assert.deepEqual(crossReferences(`[Supplements rules 37 and 79 of the ${SMR}]`)[0]!.provisions, ['rule-37', 'rule-79']);
  assert.deepEqual(crossReferences(`[Supplements rules 65, 66 and 70-81 of the ${SMR}]`)[0]!.provisions, [
    'rule-65', 'rule-66', 'rule-70', 'rule-71', 'rule-72', 'rule-73', 'rule-74', 'rule-75', 'rule-76', 'rule-77', 'rule-78', 'rule-79', 'rule-80', 'rule-81',
  ]);
  assert.deepEqual(crossReferences(`[Supplements rules 35 and 36 and, with regard to inspection, rule 55 of the ${SMR}]`)[0]!.provisions, [
    'rule-35',
    'rule-36',
    'rule-55',
  ]);
});

test('a note naming two instruments gives one reference to each', () => {
  const input = `Rule 1 text.\n[Supplements rule 27 of the ${SMR} and rule 8 of the Tokyo Rules]`;
  const refs = findCrossReferences(input);
  assert.deepEqual(
    refs.map((ref) => [ref.start, ref.end, ref.instrument, ref.provisions]),
    [
      [26, 94, 'standard-minimum-rules', ['rule-27']],
      [99, 124, 'tokyo-rules', ['rule-8']],
    ],
  );
  assert.equal(refs[1]!.text, 'rule 8 of the Tokyo Rules');
  assert.equal(refs[1]!.symbol, 'A/RES/45/110');
});

test('dotted provisions are paragraphs of a rule: "rule 2.3" is rule-2/para-3', () => {
  assert.deepEqual(crossReferences('[Supplements rules 2.3 and 2.5 of the Tokyo Rules]'), [
    { text: 'rules 2.3 and 2.5 of the Tokyo Rules', instrument: 'tokyo-rules', provisions: ['rule-2/para-3', 'rule-2/para-5'], relation: 'supplements', symbol: 'A/RES/45/110' },
  ]);
  assert.deepEqual(crossReferences('[Supplements rules 10.1-10.3 of the Tokyo Rules]')[0]!.provisions, ['rule-10/para-1', 'rule-10/para-2', 'rule-10/para-3']);
  // A range too long to spell out keeps its two ends.
  assert.deepEqual(crossReferences('[Supplements rules 1-5000 of the Tokyo Rules]')[0]!.provisions, ['rule-1', 'rule-5000']);
});

test('notes that are not cross-references give nothing; a note without brackets is read as one', () => {
  assert.deepEqual(crossReferences('[See rule 6 of the Tokyo Rules]'), []);
  assert.deepEqual(crossReferences('[Supplements rule 6 of the Convention on Giraffes]'), []);
  assert.deepEqual(crossReferences('[Supplements the Tokyo Rules]'), []);
  assert.deepEqual(crossReferences('Rule 6 applies [1]'), []);
  assert.deepEqual(crossReferences(`Supplements rule 24 of the ${SMR}`), [
    { text: `rule 24 of the ${SMR}`, instrument: 'standard-minimum-rules', provisions: ['rule-24'], relation: 'supplements', symbol: 'E/RES/663(XXIV)' },
  ]);
});

test('every bracketed note of the Bangkok Rules in seed 001 supplements rules of the Standard Minimum Rules', () => {
  const notes = readFileSync(seedsDir + '001_d10525ab6de93350.txt', 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('['));
  assert.equal(notes.length, 17);
  const provisions = notes.map((note) => {
    const refs = findCrossReferences(note);
    assert.equal(refs.length, 1, note);
    assert.equal(refs[0]!.instrument, 'standard-minimum-rules', note);
    assert.equal(refs[0]!.relation, 'supplements', note);
    return refs[0]!.provisions!;
  });
  assert.deepEqual(provisions[0], ['rule-6']);
  assert.deepEqual(provisions[8], ['rule-35', 'rule-36', 'rule-55']);
  assert.deepEqual(provisions[16], ['rule-84', 'rule-85', 'rule-86', 'rule-87', 'rule-88', 'rule-89', 'rule-90', 'rule-91', 'rule-92', 'rule-93']);
  assert.equal(provisions.flat().length, 76);
});

// ---- robustness ------------------------------------------------------------------------------

const FRAGMENTS = [
  'resolution ', 'resolutions ', 'decision ', 'General Assembly ', 'its ', 'Council ', 'Commission ', '45/110', '1/', '/',
  ', annex', ', chap. I', ', sect. II.A', ' and ', ', ', '663 C (XXIV)', '1325 (2000)', 'S-23/2', 'A/CONF.213/18', 'E/CN.7/2010/13-',
  ' and Corr.1', 'Ibid.', '*Ibid.*, ', 'vols. 2225, ', 'No. 39574', 'United Nations, Treaty Series, ', 'Sales No. E.96.IV.13', '(', ')',
  '[Supplements rules ', '22-26', ' of the ', 'Tokyo Rules', 'Standard Minimum Rules for the Treatment of Prisoners', ']', '\n', '¹²', '2.3',
];

function assertWellFormed(input: string, refs: Reference[]): void {
  let previousEnd = 0;
  for (const ref of refs) {
    assert.ok(ref.start >= previousEnd && ref.start < ref.end && ref.end <= input.length, JSON.stringify(ref));
    assert.equal(input.slice(ref.start, ref.end), ref.text);
    previousEnd = ref.end;
  }
}

test('any text, however odd, gives well-formed references and no exception', () => {
  const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((parts) => parts.join('')));
  fc.assert(
    fc.property(text, fc.constantFrom<CitationContext>({}, GA, ECOSOC, CCPCJ, { previousSymbol: 'UNTS/1/1' }), (input, context) => {
      assertWellFormed(input, findCitations(input, context));
      for (const ref of findCrossReferences(input)) assert.equal(input.slice(ref.start, ref.end), ref.text);
    }),
    { numRuns: 500 },
  );
  for (const odd of [undefined, null, 42, {}, ''] as unknown as string[]) {
    assert.deepEqual(findCitations(odd, null as unknown as CitationContext), []);
    assert.deepEqual(findCrossReferences(odd), []);
  }
});

function timed(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

// Not a speed test (speed is measured by `npm run bench`): the paths this guards against were
// quadratic and took minutes on such inputs, while the linear reading takes tens of milliseconds,
// so a bound of ten seconds tells the two apart on any machine, however loaded.
test('a megabyte of junk or of repeated fragments is read without a quadratic blow-up', () => {
  let seed = 7;
  const alphabet = 'aAeEsS/.-,()[]0123456789 \nresolution RES IVXLC Ibid vol. No. Sales Treaty Series annex chap. and of the Rules';
  let junk = '';
  while (junk.length < 1_000_000) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    junk += alphabet[seed % alphabet.length];
  }
  const inputs = {
    junk,
    'resolution 1/': 'resolution 1/'.repeat(80_000),
    'resolutions 1/1, ': 'resolutions 1/1, '.repeat(60_000),
    'joint symbols': 'A/CONF.213/RPM.1/1-'.repeat(55_000),
    'instrument names': 'the Standard Minimum Rules for the Treatment of '.repeat(21_000),
    'open notes': ('[Supplements rules 1-2 of the Tokyo Rules' + 'x'.repeat(500)).repeat(1_800),
  };
  for (const [name, input] of Object.entries(inputs)) {
    assert.ok(input.length >= 900_000, name);
    const elapsed = timed(() => {
      findCitations(input, GA);
      findCrossReferences(input);
    });
    assert.ok(elapsed < 10_000, `${name} took ${elapsed.toFixed(0)} ms`);
  }
});
