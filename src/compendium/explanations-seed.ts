// The first plain-language explanations, written for NormHub (not official United Nations
// text): a few rules of the Bangkok Rules in English and French, imported at every start where
// they are missing. Editing comes with the Secretariat's accounts.

export interface SeedExplanation {
  instrumentId: string;
  /** path relative to the instrument's annex */
  provisionPath: string;
  language: string;
  text: string;
}

export const SEED_EXPLANATIONS: readonly SeedExplanation[] = [
  {
    instrumentId: 'bangkok-rules',
    provisionPath: 'sec-I/rule-1',
    language: 'en',
    text: 'Treating women prisoners fairly sometimes means treating them differently: prisons must take account of what women in particular need. Measures that meet those needs are not discrimination.',
  },
  {
    instrumentId: 'bangkok-rules',
    provisionPath: 'sec-I/rule-1',
    language: 'fr',
    text: 'Traiter équitablement les détenues exige parfois de les traiter différemment : la prison doit tenir compte des besoins propres aux femmes. Les mesures qui répondent à ces besoins ne sont pas une discrimination.',
  },
  {
    instrumentId: 'bangkok-rules',
    provisionPath: 'sec-I/rule-3',
    language: 'en',
    text: 'When a woman enters prison, staff must write down how many children she has, their names, ages and where they are, with who is looking after them. This information is kept confidential and used only in the children’s interest.',
  },
  {
    instrumentId: 'bangkok-rules',
    provisionPath: 'sec-I/rule-3',
    language: 'fr',
    text: 'À l’entrée d’une femme en prison, on note le nombre de ses enfants, leur nom, leur âge, où ils se trouvent et qui s’en occupe. Ces informations restent confidentielles et ne servent que dans l’intérêt des enfants.',
  },
  {
    instrumentId: 'bangkok-rules',
    provisionPath: 'sec-I/rule-5',
    language: 'en',
    text: 'Where women are held, the prison must provide what they need for their hygiene: sanitary towels free of charge, and a regular supply of water for the personal care of women and children, especially for women who cook or who are pregnant, breastfeeding or menstruating.',
  },
  {
    instrumentId: 'bangkok-rules',
    provisionPath: 'sec-I/rule-5',
    language: 'fr',
    text: 'Là où des femmes sont détenues, la prison doit fournir ce qu’il faut pour leur hygiène : des serviettes hygiéniques gratuites et de l’eau en quantité régulière pour les soins des femmes et des enfants, en particulier des femmes qui cuisinent, qui sont enceintes, qui allaitent ou qui ont leurs règles.',
  },
];
