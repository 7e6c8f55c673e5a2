import type { LanguageLexicon } from './types';

export const SPANISH: LanguageLexicon = {
  acknowledgement: ['claro', 'por supuesto', 'desde luego', 'con gusto', 'vale', 'de acuerdo', 'entendido', 'perfecto', 'sin problema', 'cómo no', 'claro que sí'],
  announcement: ['aquí tienes', 'aquí está', 'aquí va', 'aquí te dejo', 'aquí hay', 'a continuación', 'continúo', 'voy a continuar', 'te dejo'],
  apology: ['lo siento', 'disculpa', 'disculpe', 'perdón', 'mis disculpas', 'lamentablemente', 'lo lamento'],
  apologyObject: ['confusión', 'malentendido', 'error', 'descuido'],
  inability: ['no puedo', 'no me es posible', 'no estoy en condiciones', 'no soy capaz', 'debo rechazar', 'no está permitido'],
  taskVerb: ['ayud*', 'continuar', 'completar', 'escribir', 'reescribir', 'cumplir', 'solicitud', 'con eso', 'terminar'],
  assistant: ['como ia', 'una ia', 'como modelo de lenguaje', 'modelo de lenguaje', 'asistente de ia', 'como inteligencia artificial', 'mis directrices'],
  taskNoun: ['texto', 'pasaje', 'continuación', 'historia', 'párrafo', 'frase*', 'tono', 'estilo', 'voz', 'escritura', 'versión', 'relato', 'fragmento', 'reescritura', 'original', 'comienzo', 'inicio', 'ritmo'],
  taskSubject: ['este texto', 'el texto', 'tu texto', 'su texto', 'esta continuación', 'la continuación', 'este pasaje', 'esta versión', 'el original', 'el tono', 'tu estilo', 'tu voz', 'este párrafo'],
  secondPerson: ['tú', 'tu', 'tus', 'usted', 'ustedes', 'te', 'ti', 'contigo'],
  assistantDid: ['he mantenido', 'he intentado', 'he continuado', 'he seguido', 'he conservado', 'he usado', 'he añadido', 'mantuve', 'intenté', 'seguí', 'añadí', 'usé', 'conservé', 'continué'],
  writingVerb: ['escrib*', 'escrito'],
  praise: ['qué', 'precios*', 'magnífic*', 'excelente', 'bonit*', 'hermos*', 'genial'],
  offer: ['avísame', 'avíseme', 'si quieres', 'si lo deseas', 'si desea', 'quieres que', 'te gustaría', 'no dudes', 'puedo también', 'también puedo', 'dime si', 'puedo resumir', 'en su lugar'],
  hope: ['espero', 'ojalá'],
  helps: ['ayude', 'ayuda', 'útil', 'guste', 'sirva'],
  signoff: ['feliz escritura', 'suerte con', 'mucha suerte', 'que disfrutes'],
  noteLabel: ['nota', 'notas', 'explicación', 'cambios', 'aclaración', 'comentario'],
  answerLabel: ['opción', 'versión', 'variante', 'alternativa', 'continuación', 'respuesta', 'resultado', 'propuesta', 'texto', 'texto reescrito'],
};
