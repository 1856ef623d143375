/**
 * The accounts of the `users` test image: the busybox fixture with these /etc/passwd and /etc/group.
 * The expected ids in the tests are what dockerd 20.10 gave containers of this image (`id`).
 */
export const usersPasswd = [
  'root:x:0:0:root:/root:/bin/sh',
  'toor:x:0:0:toor:/toor:/bin/sh',
  'app:x:1000:1000::/home/app:/bin/sh',
  'nogroup:x:1500:1600::/x:/bin/sh',
  'nobody:x:65534:65534:nobody:/nonexistent:/bin/false',
  '',
].join('\n');

export const usersGroup = ['root:x:0:', 'wheel:x:10:root,app', 'app:x:1000:', 'extra:x:2000:app', 'other:x:3000:app,root', 'nobody:x:65534:', ''].join('\n');
