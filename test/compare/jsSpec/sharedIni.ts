// smithy-typescript packages/core/src/submodules/config/shared-ini-file-loader (formerly packages/shared-ini-file-loader):
// parseIni.spec.ts, getConfigData.spec.ts, loadSharedConfigFiles.spec.ts, getProfileName.spec.ts, getConfigFilepath.spec.ts,
// getCredentialsFilepath.spec.ts, getSsoSessionData.spec.ts, loadSsoSessionData.spec.ts, mergeConfigFiles.spec.ts,
// getHomeDir.spec.ts, getSSOTokenFromFile.spec.ts, ported `it` by `it`: what the loader returns is observed through the
// credentials fromNodeProviderChain resolves from it (the spec's `key = value` data is a profile's keys here).
//
// not portable:
//   loadSharedConfigFiles.spec › returns configFile and credentialsFile from init if defined — init paths are code
//   loadSharedConfigFiles.spec › expands homedir in configFile and credentialsFile from init if defined — the same
//   loadSharedConfigFiles.spec › swallows error and returns empty configuration › when normalizeConfigFile throws error — a mock
//   loadSsoSessionData.spec › returns configFile from init if defined — init is code
//   loadSsoSessionData.spec › swallows error … › when normalizeConfigFile throws error — a mock
//   parseKnownFiles.spec › gets parsedFiles from loadSharedConfigFiles — a mock (the merge is mergeConfigFiles.spec below)
//   getHomeDir.spec › returns value from homedir fourth — os.homedir() is the real account's home, never read by tests
//   getHomeDir.spec › makes one homedir call irrespective of getHomeDir calls / makes multiple homedir calls with based on UIDs —
//     caching of os.homedir() calls
//   getSSOTokenFilepath.spec › re-throws error › (4 cases) — mocks of createHash and getHomeDir
//   getSSOTokenFromFile.spec › re-throws if getting SSO Token filepath fails — a mock
//   readFile.spec › (all) — caching of fs reads
//   externalDataInterceptor.spec › (all) — a test hook
import { cacheFile, FAR, keys, REAL_ENDPOINTS, ROLE, SSO_LEGACY, START, token, type S } from './common';

let n = 0;
/** a fresh marker key id per scenario */
const ak = () => `AKIASHINIPORT${String(++n).padStart(7, '0')}`;
const cfg = (body: string): S['files'] => ({ '.aws/config': body });
const ssoProfile = (session: string) => `sso_session = ${session}\nsso_account_id = 123456789012\nsso_role_name = SpecRole\n`;
const ssoSession = (name: string) => `[sso-session ${name}]\nsso_start_url = ${START}\nsso_region = us-east-1\n`;

export const SHARED_INI: Record<string, S> = {
  // parseIni.spec.ts
  "parseIni.spec › throws error if profile name is '__proto__'": { files: { '.aws/credentials': `[__proto__]\nfoo = not_exist\n[default]\n${keys(ak())}` } },
  "parseIni.spec › throws error if profile name is 'profile __proto__'": { files: { '.aws/config': `[profile __proto__]\nfoo = not_exist\n[default]\n${keys(ak())}` } },
  'parseIni.spec › parses config for other keys › trims data from key/value': { files: { '.aws/credentials': `[mock_profile_name]\n   aws_access_key_id = ${ak()} \n  aws_secret_access_key = s \n` }, profile: 'mock_profile_name' },
  'parseIni.spec › parses config for other keys › returns value with equals sign': { files: { '.aws/credentials': `[mock_profile_name]\naws_access_key_id=${ak()}\naws_secret_access_key=value=value\n` }, profile: 'mock_profile_name' },
  "parseIni.spec › parses config for other keys › returns data for section 'profile' with separator": { files: cfg(`[profile mock_section_name]\n${keys(ak())}`), profile: 'mock_section_name' },
  "parseIni.spec › parses config for other keys › returns data for section 'sso-session' with separator": { files: { [cacheFile('mock_section_name')]: token(FAR), '.aws/config': `[default]\n${ssoProfile('mock_section_name')}${ssoSession('mock_section_name')}` } },
  // observed through a role profile naming the section (services = …): the STS call shows which endpoint the SDK's own client took
  "parseIni.spec › parses config for other keys › returns data for section 'services' with separator": { env: REAL_ENDPOINTS, files: cfg(`[profile a]\nrole_arn = ${ROLE}\nsource_profile = b\nservices = mock_section_name\nregion = us-west-2\n[profile b]\n${keys(ak())}[services mock_section_name]\nsts =\n  endpoint_url = http://127.0.0.1:9\n`), profile: 'a' },
  ...Object.fromEntries(
    ['-', '_', '@', '+', '.', '/', '%', ':'].map((c) => [`parseIni.spec › parses config for other keys › returns data for character '${c}' in profile name`, { files: cfg(`[profile profile${c}stage]\n${keys(ak())}`), profile: `profile${c}stage` }]),
  ),
  'parseIni.spec › parses config for other keys › returns data for two profiles': { files: { '.aws/credentials': `[mock_profile_name]\n${keys(ak())}[mock_profile_name_2]\n${keys(ak())}` }, profile: 'mock_profile_name_2' },
  'parseIni.spec › parses config for other keys › skip section if data is not present (after)': { files: { '.aws/credentials': `[default]\n${keys(ak())}[mock_profile_name_without_data]` } },
  'parseIni.spec › parses config for other keys › skip section if data is not present (before)': { files: { '.aws/credentials': `[mock_profile_name_without_data]\n[default]\n${keys(ak())}` } },
  'parseIni.spec › parses config for other keys › returns data for profile containing multiple entries': { files: { '.aws/credentials': `[default]\n${keys(ak(), 'value3')}` } },
  'parseIni.spec › returns data from main section, and not subsection › if subsection comes after section': { files: { '.aws/credentials': `[default]\n${keys(ak())}subSection=\n    aws_access_key_id=AKIASHINISUBSECTION1\n    aws_session_token=subKeyValue\n` } },
  'parseIni.spec › returns data from main section, and not subsection › if subsection comes before section': { files: { '.aws/credentials': `[default]\nsubSection=\n    aws_access_key_id=AKIASHINISUBSECTION2\n    aws_session_token=subKeyValue\n${keys(ak())}` } },
  // getConfigData.spec.ts
  'getConfigData.spec › returns empty for no data': { files: cfg('') },
  'getConfigData.spec › returns default profile if present': { files: cfg(`[default]\n${keys(ak())}`) },
  'getConfigData.spec › skips profiles without prefix profile': { files: cfg(`[test]\n${keys(ak())}`), profile: 'test' },
  "getConfigData.spec › includes sections with 'sso-session' prefix": { files: { [cacheFile('foo.bar')]: token(FAR), '.aws/config': `[default]\n${ssoProfile('foo.bar')}${ssoSession('foo.bar')}` } },
  "getConfigData.spec › includes sections with 'services' prefix": { env: REAL_ENDPOINTS, files: cfg(`[profile a]\nrole_arn = ${ROLE}\nsource_profile = b\nservices = foo.bar\nregion = us-west-2\n[profile b]\n${keys(ak())}[services foo.bar]\nsts =\n  endpoint_url = http://127.0.0.1:9\n`), profile: 'a' },
  'getConfigData.spec › normalizes profile names › profile containing CONFIG_PREFIX_SEPARATOR': { files: cfg(`[profile foo.bar]\n${keys(ak())}`), profile: 'foo.bar' },
  'getConfigData.spec › normalizes profile names › single profile': { files: cfg(`[profile one]\n${keys(ak())}`), profile: 'one' },
  'getConfigData.spec › normalizes profile names › two profiles': { files: cfg(`[profile one]\n${keys(ak())}[profile two]\n${keys(ak())}`), profile: 'two' },
  'getConfigData.spec › normalizes profile names › three profiles': { files: cfg(`[profile one]\n${keys(ak())}[profile two]\n${keys(ak())}[profile three]\n${keys(ak())}`), profile: 'three' },
  'getConfigData.spec › normalizes profile names › with default': { files: cfg(`[default]\n${keys(ak())}[profile one]\n${keys(ak())}`) },
  'getConfigData.spec › normalizes profile names › with profileName without prefix': { files: cfg(`[test]\n${keys(ak())}[profile one]\n${keys(ak())}`), env: { AWS_PROFILE: 'test' } },
  // loadSharedConfigFiles.spec.ts
  'loadSharedConfigFiles.spec › returns configFile and credentialsFile from default locations': { files: { '.aws/config': `[default]\naws_secret_access_key = s\n`, '.aws/credentials': `[default]\naws_access_key_id = ${ak()}\n` } },
  'loadSharedConfigFiles.spec › swallows error and returns empty configuration › when readFile throws error': { files: { '.aws/config/inside': 'a directory where the config file should be', '.aws/credentials': `[default]\n${keys(ak())}` } },
  'loadSharedConfigFiles.spec › swallows error and returns empty configuration › when parseIni throws error': { files: { '.aws/config': `[profile __proto__]\nx = y\n[default]\n${keys(ak())}`, '.aws/credentials': `[default]\n${keys(ak())}` } },
  // getProfileName.spec.ts
  'getProfileName.spec › returns profile if present in param': { env: { AWS_PROFILE: 'mockProfileNameFromEnv' }, files: cfg(`[profile mockProfile]\n${keys(ak())}[profile mockProfileNameFromEnv]\n${keys(ak())}`), profile: 'mockProfile' },
  "getProfileName.spec › returns profile from env var 'AWS_PROFILE' if present": { env: { AWS_PROFILE: 'mockProfileNameFromEnv' }, files: cfg(`[default]\n${keys(ak())}[profile mockProfileNameFromEnv]\n${keys(ak())}`) },
  "getProfileName.spec › returns profile 'default' as default": { files: cfg(`[default]\n${keys(ak())}[profile mockProfileNameFromEnv]\n${keys(ak())}`) },
  // getConfigFilepath.spec.ts, getCredentialsFilepath.spec.ts
  'getConfigFilepath.spec › returns configFilePath from default locations': { files: cfg(`[default]\n${keys(ak())}`) },
  'getConfigFilepath.spec › returns configFile from location defined in environment': { env: { AWS_CONFIG_FILE: '{HOME}/mock/config' }, files: { 'mock/config': `[default]\n${keys(ak())}`, '.aws/config': `[default]\n${keys(ak())}` } },
  'getCredentialsFilepath.spec › returns configFilePath from default locations': { files: { '.aws/credentials': `[default]\n${keys(ak())}` } },
  'getCredentialsFilepath.spec › returns configFile from location defined in environment': { env: { AWS_SHARED_CREDENTIALS_FILE: '{HOME}/mock/credentials' }, files: { 'mock/credentials': `[default]\n${keys(ak())}`, '.aws/credentials': `[default]\n${keys(ak())}` } },
  // getSsoSessionData.spec.ts, loadSsoSessionData.spec.ts
  'getSsoSessionData.spec › returns empty for no data': { files: { [cacheFile('one')]: token(FAR), '.aws/config': `[default]\n${ssoProfile('one')}` } },
  'getSsoSessionData.spec › skips sections without prefix sso-session': { files: { [cacheFile('one')]: token(FAR), '.aws/config': `[default]\n${ssoProfile('one')}[one]\nsso_start_url = ${START}\nsso_region = us-east-1\n` } },
  'getSsoSessionData.spec › skips sections with different prefix': { files: { [cacheFile('test')]: token(FAR), '.aws/config': `[default]\n${ssoProfile('test')}[not-sso-session test]\nsso_start_url = ${START}\nsso_region = us-east-1\n` } },
  'getSsoSessionData.spec › normalizes sso-session names › sso-session section with prefix separator .': { files: { [cacheFile('prefix.suffix')]: token(FAR), '.aws/config': `[default]\n${ssoProfile('prefix.suffix')}${ssoSession('prefix.suffix')}` } },
  'getSsoSessionData.spec › normalizes sso-session names › single sso-session section': { files: { [cacheFile('one')]: token(FAR), '.aws/config': `[default]\n${ssoProfile('one')}${ssoSession('one')}` } },
  'getSsoSessionData.spec › normalizes sso-session names › two sso-session sections': { files: { [cacheFile('two')]: token(FAR), '.aws/config': `[default]\n${ssoProfile('two')}${ssoSession('one')}${ssoSession('two')}` } },
  'getSsoSessionData.spec › normalizes sso-session names › three sso-session sections': { files: { [cacheFile('three')]: token(FAR), '.aws/config': `[default]\n${ssoProfile('three')}${ssoSession('one')}${ssoSession('two')}${ssoSession('three')}` } },
  'getSsoSessionData.spec › normalizes sso-session names › with section without prefix': { files: { [cacheFile('one')]: token(FAR), '.aws/config': `[default]\n${ssoProfile('one')}[test]\nkey = value\n${ssoSession('one')}` } },
  'loadSsoSessionData.spec › returns configFile from default locations': { files: { [cacheFile('one')]: token(FAR), '.aws/config': `[default]\n${ssoProfile('one')}${ssoSession('one')}` } },
  'loadSsoSessionData.spec › swallows error and returns empty configuration › when readFile throws error': { env: { AWS_CONFIG_FILE: '{HOME}/nothere' }, files: { [cacheFile('one')]: token(FAR), '.aws/config': `[default]\n${ssoProfile('one')}${ssoSession('one')}` } },
  'loadSsoSessionData.spec › swallows error and returns empty configuration › when parseIni throws error': { files: { [cacheFile('one')]: token(FAR), '.aws/config': `[profile __proto__]\nx = y\n[default]\n${ssoProfile('one')}${ssoSession('one')}` } },
  // mergeConfigFiles.spec.ts
  'mergeConfigFiles.spec › merges profiles that are in multiple files': { files: { '.aws/config': '[profile profileName1]\nregion = us-west-2\n', '.aws/credentials': `[profileName1]\n${keys(ak())}[profileName2]\n${keys(ak())}` }, profile: 'profileName1' },
  // getHomeDir.spec.ts
  'getHomeDir.spec › returns value in process.env.HOME first': { env: { HOME: '{HOME}/mockHOME', USERPROFILE: '{HOME}/mockUSERPROFILE', HOMEDRIVE: '{HOME}', HOMEPATH: '/mockHOMEPATH' }, files: { 'mockHOME/.aws/credentials': `[default]\n${keys(ak())}`, 'mockUSERPROFILE/.aws/credentials': `[default]\n${keys(ak())}`, 'mockHOMEPATH/.aws/credentials': `[default]\n${keys(ak())}` } },
  'getHomeDir.spec › returns value in process.env.USERPROFILE second': { env: { HOME: undefined, USERPROFILE: '{HOME}/mockUSERPROFILE', HOMEDRIVE: '{HOME}', HOMEPATH: '/mockHOMEPATH' }, files: { 'mockUSERPROFILE/.aws/credentials': `[default]\n${keys(ak())}`, 'mockHOMEPATH/.aws/credentials': `[default]\n${keys(ak())}` } },
  "getHomeDir.spec › returns value in HOMEPATH third › uses value in process.env.HOMEDRIVE if it's set": { env: { HOME: undefined, HOMEDRIVE: '{HOME}', HOMEPATH: '/mockHOMEPATH' }, files: { 'mockHOMEPATH/.aws/credentials': `[default]\n${keys(ak())}` } },
  // without HOMEDRIVE the SDK prefixes "C:/", a relative path on POSIX, read from the working directory (HOME here)
  'getHomeDir.spec › returns value in HOMEPATH third › uses default if process.env.HOMEDRIVE is not set': { env: { HOME: undefined, HOMEPATH: 'mockHOMEPATH' }, files: { 'C:/mockHOMEPATH/.aws/credentials': `[default]\n${keys(ak())}` } },
  // getSSOTokenFromFile.spec.ts, getSSOTokenFilepath.spec.ts
  'getSSOTokenFromFile.spec › re-throws if readFile fails': { files: { '.aws/config': `[default]\n${SSO_LEGACY}` } },
  'getSSOTokenFromFile.spec › re-throws if token is not a valid JSON': { files: { [cacheFile(START)]: '{not json', '.aws/config': `[default]\n${SSO_LEGACY}` } },
  "getSSOTokenFromFile.spec › returns token when it's valid": { files: { [cacheFile(START)]: token(FAR), '.aws/config': `[default]\n${SSO_LEGACY}` } },
  'getSSOTokenFilepath.spec › returns token filepath': { files: { [cacheFile(START)]: token(FAR), '.aws/config': `[default]\n${SSO_LEGACY}` } },
};
