// Characters above U+00FF in a bundle, each with some context: see scripts/build.mjs for why there must be none.
export function wideCharacters(text, max = 10) {
  const out = [];
  for (let i = 0; i < text.length && out.length < max; i++) {
    if (text.charCodeAt(i) > 0xff) out.push(`U+${text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')} in ${JSON.stringify(text.slice(Math.max(0, i - 40), i + 20))}`);
  }
  return out;
}
