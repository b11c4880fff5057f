/**
 * English stop words: the NLTK English list (a general resource, not tuned to any corpus),
 * plus the contracted forms it lists without apostrophes. Less "won": NLTK lists it for "won't" cut
 * at the apostrophe, which our tokens keep whole, so here it is always the past of "win".
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her
  hers herself it its itself they them their theirs themselves what which who whom this that these those
  am is are was were be been being have has had having do does did doing a an the and but if or because
  as until while of at by for with about against between into through during before after above below
  to from up down in out on off over under again further then once here there when where why how all
  any both each few more most other some such no nor not only own same so than too very s t can will
  just don should now d ll m o re ve y ain aren couldn didn doesn hadn hasn haven isn ma mightn mustn
  needn shan shouldn wasn weren wouldn don't isn't aren't wasn't weren't hasn't haven't hadn't
  doesn't didn't won't wouldn't shan't shouldn't can't couldn't mustn't it's you're you've you'll
  you'd she's that'll should've`
    .split(/\s+/)
    .filter(Boolean),
);
