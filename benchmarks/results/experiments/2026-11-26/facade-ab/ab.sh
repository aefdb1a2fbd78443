#!/usr/bin/env bash
# usage: ab.sh A B N  -> interleaved facadeOtel forks of jars A and B, median B/A
a=$1; b=$2; n=$3; d=/tmp/s5/ab/$a-$b; mkdir -p $d
for i in $(seq 1 $n); do
  if (( i % 2 )); then order="$a $b"; else order="$b $a"; fi
  for j in $order; do
    java -jar /tmp/s5/$j.jar 'SpanBenchmark\.facadeOtel$' -f 1 -wi 4 -i 3 -prof dev.obskit.benchmarks.profile.WorkerThreadProfiler -rf json -rff $d/$j-$i.json > /dev/null 2>&1
  done
done
python3 - "$a" "$b" "$n" "$d" <<'PY'
import json,statistics,sys
a,b,n,d=sys.argv[1],sys.argv[2],int(sys.argv[3]),sys.argv[4]
cpu=lambda f: json.load(open(f))[0]['secondaryMetrics']['cpu.time.norm']['score']
r=[cpu(f'{d}/{b}-{i}.json')/cpu(f'{d}/{a}-{i}.json') for i in range(1,n+1)]
print(f'{b}/{a} per pair', [round(x,3) for x in r], 'median', round(statistics.median(r),3), 'faster in', sum(x<1 for x in r), 'of', n)
PY
