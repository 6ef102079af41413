/**
 * Shell lines as tutorials and `kubectl exec` sessions type them, with what busybox/debian
 * print. Each runs as `sh -c LINE` in a busybox container (hostname `web`, pod IP 10.244.1.2)
 * unless `image` says otherwise; `out` is stdout+stderr lines, `exit` the status (default 0).
 */
export interface TutorialLine {
  readonly line: string;
  readonly out?: readonly string[];
  /** Only that the output contains these lines (in order, others between). */
  readonly contains?: readonly string[];
  readonly exit?: number;
  readonly image?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Files in the container before it runs. */
  readonly files?: Readonly<Record<string, string>>;
}

export const TUTORIAL_LINES: readonly TutorialLine[] = [
  // kubectl exec basics
  { line: 'printenv HOSTNAME', out: ['web'] },
  { line: 'printenv NOPE', out: [], exit: 1 },
  { line: 'env | grep HOSTNAME', out: ['HOSTNAME=web'] },
  { line: 'hostname', out: ['web'] },
  { line: 'hostname -i', out: ['10.244.1.2'] },
  { line: 'whoami', out: ['root'] },
  { line: 'id', out: ['uid=0(root) gid=0(root) groups=0(root)'] },
  { line: 'uname', out: ['Linux'] },
  { line: 'uname -s -m', out: ['Linux x86_64'] },
  { line: 'cat /etc/hostname', out: ['web'] },
  { line: 'ls /etc/hostname', out: ['/etc/hostname'] },
  { line: 'pwd; cd /tmp; pwd', out: ['/', '/tmp'] },
  { line: 'echo $((1 + 2 * 3))', out: ['7'] },
  { line: 'i=0; while [ $i -lt 3 ]; do i=$((i+1)); echo $i; done', out: ['1', '2', '3'] },
  { line: 'n=5; until [ $n -eq 0 ]; do n=$((n - 1)); done; echo done $n', out: ['done 0'] },
  { line: 'echo $(( 10 / 3 )) $(( 10 % 3 )) $(( -2 + 1 ))', out: ['3 1 -1'] },
  { line: 'x=4; echo $((x * x)) $(($x+1))', out: ['16 5'] },
  // pipes and filters
  { line: 'echo hello | tr a-z A-Z', out: ['HELLO'] },
  { line: "printf 'b\\na\\nc\\n' | sort", out: ['a', 'b', 'c'] },
  { line: "printf 'b\\na\\nb\\n' | sort | uniq", out: ['a', 'b'] },
  { line: "printf 'b\\na\\nb\\n' | sort -r", out: ['b', 'b', 'a'] },
  { line: "printf '3\\n10\\n2\\n' | sort -n", out: ['2', '3', '10'] },
  { line: "printf 'one\\ntwo\\nthree\\n' | wc -l", out: ['3'] },
  { line: 'echo hello world | wc -w', out: ['2'] },
  { line: "printf '1\\n2\\n3\\n4\\n' | head -n 2", out: ['1', '2'] },
  { line: "printf '1\\n2\\n3\\n4\\n' | tail -n 1", out: ['4'] },
  { line: "printf '1\\n2\\n3\\n4\\n' | head -2", out: ['1', '2'] },
  { line: "echo 'a:b:c' | cut -d: -f2", out: ['b'] },
  { line: "echo 'a b c' | awk '{print $2}'", out: ['b'] },
  { line: "echo 'a,b,c' | awk -F, '{print $3, $1}'", out: ['c a'] },
  { line: "echo hello | sed 's/l/L/g'", out: ['heLLo'] },
  { line: "echo hello | sed 's/l/L/'", out: ['heLlo'] },
  { line: "printf 'x\\ny\\n' | grep -v x", out: ['y'] },
  { line: "printf 'apple\\nBanana\\n' | grep -i banana", out: ['Banana'] },
  { line: 'echo abc | grep -q b && echo found', out: ['found'] },
  { line: 'echo abc | grep z || echo none', out: ['none'] },
  { line: "printf 'a\\nb\\na\\n' | grep -c a", out: ['2'] },
  { line: 'cat /etc/passwd | grep root | cut -d: -f1', out: ['root'] },
  { line: 'seq 3', out: ['1', '2', '3'] },
  { line: 'seq 2 4 | tr "\\n" " "; echo', out: ['2 3 4 '] },
  { line: 'basename /usr/share/nginx/html/index.html', out: ['index.html'] },
  { line: 'dirname /usr/share/nginx/html/index.html', out: ['/usr/share/nginx/html'] },
  // files
  { line: 'mkdir -p /data/a && echo hi > /data/a/f.txt && cp /data/a/f.txt /data/g.txt && cat /data/g.txt', out: ['hi'] },
  { line: 'echo x > /tmp/a; mv /tmp/a /tmp/b; ls /tmp; cat /tmp/b', out: ['b', 'x'] },
  { line: 'echo x > /tmp/a; ln -s /tmp/a /tmp/l; cat /tmp/l', out: ['x'] },
  { line: 'mkdir -p /d/s; touch /d/s/one.log /d/two.log; find /d -name "*.log" | sort', out: ['/d/s/one.log', '/d/two.log'] },
  { line: 'touch /tmp/a.txt /tmp/b.txt /tmp/c.log; echo /tmp/*.txt', out: ['/tmp/a.txt /tmp/b.txt'] },
  { line: 'touch /tmp/a.txt /tmp/b.txt; for f in /tmp/*.txt; do echo "file: $f"; done', out: ['file: /tmp/a.txt', 'file: /tmp/b.txt'] },
  { line: 'echo /nomatch/*.x', out: ['/nomatch/*.x'] },
  { line: 'cat <<EOF > /tmp/conf\nname=web\nport=80\nEOF\ncat /tmp/conf', out: ['name=web', 'port=80'] },
  { line: 'x=world; cat <<EOF\nhello $x\nEOF', out: ['hello world'] },
  { line: "cat <<'EOF'\nhello $x\nEOF", out: ['hello $x'] },
  { line: 'echo hi >> /tmp/log; echo again >> /tmp/log; wc -l < /tmp/log', out: ['2'] },
  { line: 'test -d /etc && echo dir; [ -f /etc/hostname ] && echo file', out: ['dir', 'file'] },
  { line: 'if [[ -e /etc/hostname ]]; then echo yes; fi', out: ['yes'] },
  { line: "df -h / | head -1", contains: ['Filesystem                Size      Used Available Use% Mounted on'] },
  { line: 'mount | grep " / "', contains: ['overlay on / type overlay (rw,relatime,lowerdir=/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/1/fs,upperdir=/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/2/fs,workdir=/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/2/work)'] },
  // control flow
  { line: 'case "$HOSTNAME" in web*) echo web ;; *) echo other ;; esac', out: ['web'] },
  { line: 'for x in a b; do case $x in a) echo A;; b|c) echo BC;; esac; done', out: ['A', 'BC'] },
  { line: 'greet() { echo "hello $1"; }; greet kube', out: ['hello kube'] },
  { line: 'f() { return 3; }; f; echo $?', out: ['3'] },
  { line: 'count() { local n=$#; echo $n; }; count a b c', out: ['3'] },
  { line: 'echo "today is $(date +%Y)" | grep -c today', out: ['1'] },
  { line: 'a=$(echo hi | tr a-z A-Z); echo "$a"', out: ['HI'] },
  { line: 'echo ${HOSTNAME:-none} ${NOPE:-none} ${#HOSTNAME}', out: ['web none 3'] },
  { line: 'v=hello.tar.gz; echo ${v%.gz} ${v%%.*} ${v#*.}', out: ['hello.tar hello tar.gz'] },
  { line: 'false; echo $?; true; echo $?', out: ['1', '0'] },
  { line: 'nosuchcmd', out: ['sh: nosuchcmd: not found'], exit: 127 },
  { line: 'set -e; false; echo unreachable', out: [], exit: 1 },
  { line: 'sh -c "exit 3"; echo $?', out: ['3'] },
  { line: 'echo one; exit 2; echo two', out: ['one'], exit: 2 },
  // processes and network
  { line: 'ps', contains: ['PID   USER     TIME  COMMAND', '    1 root      0:00 sh -c ps'] },
  { line: 'top -b -n1 | head -1', contains: [] },
  { line: 'ip addr | grep inet', contains: ['    inet 127.0.0.1/8 scope host lo', '    inet 10.244.1.2/24 brd 10.244.1.255 scope global eth0'] },
  { line: 'cat /etc/resolv.conf', contains: ['nameserver 10.96.0.10'] },
  { line: 'nc -z -w 1 localhost 80 || echo closed', out: ['closed'] },
  { line: 'wget -qO- http://localhost:80 || echo refused', out: ['wget: can\'t connect to remote host (127.0.0.1): Connection refused', 'refused'] },
  { line: 'curl -s http://localhost:8080 || echo "exit $?"', image: 'nginx', out: ['exit 7'] },
  { line: 'curl -s http://web.invalid', image: 'nginx', out: [], exit: 6 },
  { line: 'curl -s http://localhost', out: ['sh: curl: not found'], exit: 127 },
  { line: "nginx -g 'daemon off;' & sleep 1; curl -s -o /dev/null -w '%{http_code}' http://localhost/; echo", image: 'nginx', out: ['200'] },
  // debian
  { line: 'cat /etc/os-release | head -1', image: 'debian', out: ['PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"'] },
  { line: 'bash -c \'echo $((2**10))\'', image: 'debian', out: ['1024'] },
];
