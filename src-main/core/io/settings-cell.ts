/**
 * The `settings` cell of a trackers CSV: the type's settings as JSON (see README.md).
 * Missing fields take the same defaults as a new tracker in the app, so a hand-made file
 * may give `{"unit":"kg"}` or a list of option labels. Returns the stored settings or
 * the reason they are refused.
 */
import { AGGREGATIONS, type Aggregation, type TrackerSettings, type TrackerType } from '../../../src-preload/contract';
import { MAX_CHOICE_OPTIONS, MIN_CHOICE_OPTIONS, trackerTypes } from '../domain/tracker-types';
import { AppFailure } from '../errors';

export const MAX_OPTION_LABEL = 500;
const MAX_ID = 64;

export type SettingsResult = { readonly ok: true; readonly settings: TrackerSettings } | { readonly ok: false; readonly message: string };

const refuse = (message: string): SettingsResult => ({ ok: false, message });

export function settingsFromCell(type: TrackerType, cell: string, newId: () => string): SettingsResult {
  let raw: unknown = {};
  if (cell.trim() !== '') {
    try {
      raw = JSON.parse(cell);
    } catch {
      return refuse('The settings are not valid JSON.');
    }
  }
  if (Array.isArray(raw) && type === 'multiple_choice') raw = { options: raw };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return refuse('The settings must be a JSON object.');
  const fields = raw as Record<string, unknown>;
  switch (type) {
    case 'boolean':
    case 'duration':
      return { ok: true, settings: { type } };
    case 'numerical':
      return numericalSettings(fields);
    case 'multiple_choice':
      return choiceSettings(fields, newId);
  }
}

function numericalSettings(fields: Record<string, unknown>): SettingsResult {
  const unit = fields.unit ?? '';
  const min = fields.min ?? null;
  const max = fields.max ?? null;
  const decimals = fields.decimals ?? 2;
  const aggregation = fields.aggregation ?? 'average';
  if (typeof unit !== 'string' || unit.length > MAX_OPTION_LABEL) return refuse('"unit" must be text of up to 500 characters.');
  if (!isNumberOrNull(min) || !isNumberOrNull(max)) return refuse('"min" and "max" must be numbers or null.');
  if (typeof decimals !== 'number') return refuse('"decimals" must be a whole number from 0 to 4.');
  if (typeof aggregation !== 'string' || !(AGGREGATIONS as readonly string[]).includes(aggregation)) {
    return refuse(`"aggregation" must be one of ${AGGREGATIONS.join(', ')}.`);
  }
  // The shape is the file's; the rules (bounds, decimals, numbers kept exactly) are the tracker type's own.
  try {
    return { ok: true, settings: trackerTypes.numerical.settings({ type: 'numerical', unit, min, max, decimals, aggregation: aggregation as Aggregation }, () => '') };
  } catch (error) {
    if (error instanceof AppFailure) return refuse(error.message);
    throw error;
  }
}

const isNumberOrNull = (value: unknown): value is number | null => value === null || (typeof value === 'number' && Number.isFinite(value));

function choiceSettings(fields: Record<string, unknown>, newId: () => string): SettingsResult {
  const { options, multiple = false } = fields;
  if (typeof multiple !== 'boolean') return refuse('"multiple" must be true or false.');
  if (!Array.isArray(options)) return refuse('"options" must be a list of options.');
  if (options.length < MIN_CHOICE_OPTIONS || options.length > MAX_CHOICE_OPTIONS) return refuse(`Give from ${MIN_CHOICE_OPTIONS} to ${MAX_CHOICE_OPTIONS} options.`);
  const labels = new Set<string>();
  const ids = new Set<string>();
  const stored: { id: string; label: string; archived: boolean }[] = [];
  for (const option of options) {
    const entry = typeof option === 'string' ? { label: option } : option;
    if (typeof entry !== 'object' || entry === null) return refuse('Each option must be a label or {"label": …}.');
    const { id, label, archived = false } = entry as Record<string, unknown>;
    if (typeof label !== 'string' || label.trim() === '' || label.length > MAX_OPTION_LABEL) return refuse('Every option needs a label of up to 500 characters.');
    if (typeof archived !== 'boolean') return refuse('"archived" of an option must be true or false.');
    if (id !== undefined && (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID)) return refuse('An option id must be text of 1 to 64 characters.');
    const key = label.trim().toLowerCase();
    if (labels.has(key)) return refuse(`The option "${label.trim()}" appears twice.`);
    labels.add(key);
    if (typeof id === 'string' && ids.has(id)) return refuse(`The option id "${id}" appears twice.`);
    const optionId = typeof id === 'string' ? id : newId();
    ids.add(optionId);
    stored.push({ id: optionId, label: label.trim(), archived });
  }
  return { ok: true, settings: { type: 'multiple_choice', options: stored, multiple } };
}
