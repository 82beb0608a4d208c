import type { AdditionalStepConfig, AdditionalSteps } from './token.ts';

/**
 * The additional steps that apply to one country and document: the union of
 * `additionalSteps[country|ALL][documentType|ALL]`, where for one step name the more specific entry
 * wins (broad to narrow: ALL/ALL, ALL/document, country/ALL, country/document). Steps keep the
 * order in which they first appear. Keys match whatever their case, since merchants write `lt` as
 * often as `LT`. The widget and the backend both call this, so they never disagree on which
 * steps a verification has.
 */
export function applicableAdditionalSteps(
  table: AdditionalSteps | null | undefined,
  country: string,
  documentType: string,
): Map<string, AdditionalStepConfig> {
  const byName = new Map<string, AdditionalStepConfig>();
  if (!table) return byName;
  const countryKey = country.toUpperCase() === 'ALL' ? undefined : findKey(table, country);
  const layers: [string | undefined, string][] = [
    ['ALL', 'ALL'],
    ['ALL', documentType],
    [countryKey, 'ALL'],
    [countryKey, documentType],
  ];
  for (const [layerCountry, layerDocument] of layers) {
    if (layerCountry === undefined) continue;
    const perDocument = table[layerCountry];
    const entries = perDocument ? perDocument[findKey(perDocument, layerDocument) ?? ''] : undefined;
    for (const [name, config] of Object.entries(entries ?? {})) byName.set(name, config);
  }
  return byName;
}

function findKey(record: Record<string, unknown>, key: string): string | undefined {
  if (key in record) return key;
  const upper = key.toUpperCase();
  return Object.keys(record).find((candidate) => candidate.toUpperCase() === upper);
}
