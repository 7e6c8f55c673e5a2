import type { LanguageLexicon } from './types';

export const ENGLISH: LanguageLexicon = {
  acknowledgement: ['here you go', 'there you go', 'here we go', 'sure', 'sure thing', 'certainly', 'of course', 'absolutely', 'okay', 'ok', 'alright', 'all right', 'great', 'got it', 'no problem', 'gladly', 'definitely', 'understood', 'happy to help', 'with pleasure'],
  announcement: ['here is', "here's", 'here are', 'below is', 'below are', 'here goes', "i'll", 'i will', 'let me', 'continuing', "i'd continue", 'i would continue', 'as follows', 'the following'],
  apology: ['sorry', 'apologies', 'i apologize', 'i apologise', 'my apologies', 'unfortunately', 'regrettably'],
  apologyObject: ['confusion', 'misunderstanding', 'oversight', 'mistake', 'error', 'inconvenience', 'earlier', 'previous response'],
  inability: ["can't", 'cannot', 'can not', 'unable to', 'not able to', "won't be able", 'must decline', 'have to decline', 'not allowed', 'not permitted', 'not comfortable', 'decline to', "won't"],
  taskVerb: ['help', 'assist', 'continu*', 'complet*', 'write', 'rewrite', 'fulfil*', 'comply', 'provide', 'generat*', 'produce', 'finish', 'do that', 'with that', 'with this', 'request'],
  assistant: ['as an ai', 'an ai', 'a language model', 'language model', 'ai assistant', 'as an assistant', 'chatbot', 'openai', 'my guidelines', 'my programming', 'my training'],
  taskNoun: ['text', 'passage', 'continuation', 'story', 'paragraph', 'sentence*', 'draft', 'excerpt', 'tone', 'voice', 'style', 'writing', 'rewrit*', 'version', 'original', 'prompt', 'narrative', 'wording', 'phrasing', 'opening', 'piece', 'start', 'beginning', 'rhythm', 'thought'],
  taskSubject: ['this continues', 'this keeps', 'this follows', 'this matches', 'this picks up', 'this text', 'the text', 'this passage', 'the passage', 'this continuation', 'the continuation', 'this version', 'the original', 'your text', 'your passage', 'your story', 'your writing', 'your draft', 'your voice', 'your style', 'your tone', 'the rewrite', 'this rewrite', 'the rewritten', 'the tone', 'the style', 'this excerpt', 'this draft', 'this paragraph'],
  secondPerson: ['you', 'your', "you're", "you've", "you'd", 'yours', 'yourself'],
  assistantDid: ['i kept', "i've kept", 'i have kept', 'i maintained', "i've maintained", 'i tried', "i've tried", 'i have tried', 'i continued', "i've continued", 'i have continued', 'i added', "i've added", 'i made', "i've made", 'i changed', "i've changed", 'i used', "i've used", 'i aimed', 'i wrote', "i've written", 'i focused', 'i preserved', 'i followed', 'i matched', 'i chose', 'i went with', 'i adjusted', 'i stuck', 'i removed', 'i replaced', 'i shortened', 'i simplified', 'i rephrased', 'i reworded', 'i fixed', "i've fixed", 'i corrected', "i've corrected", 'i rewrote', "i've rewritten", 'i tightened', 'i cut'],
  writingVerb: ['write', 'wrote', 'written', 'writing'],
  praise: ['what a', 'great', 'lovely', 'beautiful', 'wonderful', 'nice', 'love', 'intriguing', 'vivid', 'compelling', 'fantastic', 'excellent'],
  offer: ['let me know', "if you'd like", 'if you would like', 'if you want', 'would you like', 'do you want', 'want me to', 'shall i', 'should i', 'i can also', 'i could also', 'feel free', 'happy to help', 'glad to help', "i'm here to help", 'just ask', 'more options', 'another version', 'anything else', 'i can summarize', 'i can summarise', 'instead, if'],
  hope: ['hope', 'hoping', 'hopefully'],
  helps: ['helps', 'helpful', 'useful', 'works for you', 'what you', 'like it', 'enjoy*', 'fits'],
  signoff: ['happy writing', 'good luck with', 'best of luck', 'enjoy!', 'cheers', 'have fun'],
  noteLabel: ['note', 'notes', 'n.b', 'nb', 'p.s', 'ps', 'explanation', 'changes', 'comment', 'comments', 'remark', 'edit', 'disclaimer', 'tip'],
  answerLabel: ['option', 'version', 'alternative', 'continuation', 'completion', 'answer', 'output', 'response', 'result', 'rewrite', 'rewritten text', 'rewritten version', 'rewritten passage', 'suggestion', 'text', 'revised', 'revised version', 'revised text', 'final version'],
};
