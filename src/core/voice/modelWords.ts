/**
 * Words that language models write far more often than people do: the excess vocabulary that Kobak et al. (2024,
 * "Delving into ChatGPT usage in academic writing through excess vocabulary") and Liang et al. (2024, "Mapping the
 * increasing use of LLMs in scientific papers") measured after chat models arrived. No package ships such a list;
 * these are the words both papers name, in their common forms.
 */
export const MODEL_FAVOURED_WORDS: readonly string[] = [
  'delve', 'delves', 'delving', 'tapestry', 'testament', 'realm', 'intricate', 'intricacies', 'pivotal', 'showcase',
  'showcasing', 'showcases', 'underscore', 'underscores', 'underscoring', 'meticulous', 'meticulously', 'seamless',
  'seamlessly', 'leverage', 'leveraging', 'utilize', 'utilizing', 'multifaceted', 'nuanced', 'commendable', 'bustling',
  'vibrant', 'embark', 'embarking', 'navigating', 'furthermore', 'moreover', 'additionally', 'crucial', 'notably',
  'comprehensive', 'elevate', 'foster', 'fostering', 'boasts', 'garnered', 'landscape', 'paramount', 'invaluable',
  'unwavering', 'groundbreaking', 'harnessing', 'enhance', 'enhancing', 'noteworthy', 'intriguing', 'unparalleled',
];
