/** The hostname, hosts and resolv.conf files a container gets on its /etc, as Docker writes them. */
export { hostsFile, parseExtraHost, type HostsInput } from './hosts-file.js';
export { resolvConf, upstreamNameservers, type ResolvConfInput } from './resolv-conf.js';
export { writeEtcFiles, type EtcFiles, type EtcFilesInput } from './write-etc-files.js';
