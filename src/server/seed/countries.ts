// Countries of the first-start data (ISO 3166 alpha-2 codes): enough for rules and phone checks.
export const COUNTRIES: [code: string, name: string][] = [
  ["BE", "Belgium"],
  ["FR", "France"],
  ["US", "United States"],
  ["RO", "Romania"],
  ["DE", "Germany"],
  ["GB", "United Kingdom"],
  ["NL", "Netherlands"],
  ["IN", "India"],
  ["ES", "Spain"],
  ["IT", "Italy"],
  ["LU", "Luxembourg"],
  ["CH", "Switzerland"],
  ["CA", "Canada"],
  ["BR", "Brazil"],
  ["AU", "Australia"],
];
