/** wink-lexicon ships no types: each WordNet exception list maps a form to its base word. */
declare module 'wink-lexicon/src/wn-verb-exceptions.js' {
  const exceptions: Record<string, string>;
  export default exceptions;
}
declare module 'wink-lexicon/src/wn-noun-exceptions.js' {
  const exceptions: Record<string, string>;
  export default exceptions;
}
declare module 'wink-lexicon/src/wn-adjective-exceptions.js' {
  const exceptions: Record<string, string>;
  export default exceptions;
}
/** Common English words with their part-of-speech tags (Penn Treebank: "NN", "VB", "NNP", ...). */
declare module 'wink-lexicon/src/lexicon.js' {
  const lexicon: Record<string, string[]>;
  export default lexicon;
}
