/* The words of the interface come with the data (data.labels), in the edition's language, from
 * the same catalogs as the rest of the site. */

// A value ending in a full stop ("Politie Zuid e.o.") before the message's own full stop: one stop.
function fill(text, params) {
  Object.keys(params || {}).forEach((k) => {
    const value = String(params[k]);
    if (value.endsWith(".")) text = text.split("{" + k + "}.").join(value);
    text = text.split("{" + k + "}").join(value);
  });
  return text;
}

/* t(key, params): the message with its {placeholders} filled (the key itself when the data has no
 * such message). tn(key, n, params): a message with plural forms comes as the list of them, [one,
 * other] in English and Dutch (the rule of the catalogs' Plural-Forms header; tests/test_words.py
 * holds it so): the form for n. */
export function words(labels) {
  const own = (key) => (Object.hasOwn(labels || {}, key) ? labels[key] : undefined);
  const t = (key, params) => {
    const text = own(key);
    return fill(typeof text === "string" ? text : key, params);
  };
  const tn = (key, n, params) => {
    const forms = own(key);
    return fill(Array.isArray(forms) ? forms[n === 1 ? 0 : 1] : key, params);
  };
  return { t, tn };
}
