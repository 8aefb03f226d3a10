// The walk of the shared files every rule family uses (key lines with file, section, line and profile) lives below
// doctor, in src/divergences/entries.ts, because the divergence rules walk the files the same way.
export {
  at,
  entriesOf,
  entryLocation,
  headerLine,
  profileOfSection,
  sectionLabel,
  sectionNamed,
  sectionsOf,
  type EntryRef,
} from '../divergences/entries';
