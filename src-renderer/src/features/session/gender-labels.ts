import type { Gender } from '../../../../src-preload/contract';

// A complete table (the compiler checks it) instead of the contract's GENDERS, whose
// import would bundle zod into the page.
export const GENDER_LABELS: Record<Gender, string> = {
  female: 'Female',
  male: 'Male',
  non_binary: 'Non-binary',
  other: 'Other',
  prefer_not_to_say: 'Prefer not to say',
};

export const GENDERS = Object.keys(GENDER_LABELS) as Gender[];
