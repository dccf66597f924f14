"""Reading wrk's --latency report."""
import pytest

from bench.wrk import parse

REPORT = """Running 10s test @ http://127.0.0.1:8003/v1/people
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     5.21ms    2.10ms  41.30ms   88.10%
    Req/Sec     1.55k   120.33     1.80k    70.00%
  Latency Distribution
     50%    4.87ms
     75%    6.01ms
     90%    7.65ms
     99%   13.20ms
  30871 requests in 10.01s, 9.21MB read
  Non-2xx or 3xx responses: 3
  Socket errors: connect 0, read 1, write 0, timeout 2
Requests/sec:   3084.16
Transfer/sec:    942.11KB
"""


def test_throughput_and_percentiles_are_read_in_milliseconds():
    result = parse(REPORT)
    assert (result.requests_per_s, result.p50_ms, result.p99_ms, result.requests) == (
        3084.16, 4.87, 13.2, 30871)


def test_failed_responses_and_socket_errors_are_counted():
    result = parse(REPORT)
    assert (result.non_2xx, result.socket_errors) == (3, 3)


def test_microsecond_and_second_latencies_are_converted():
    text = REPORT.replace("4.87ms", "870.00us").replace("13.20ms", "1.20s")
    result = parse(text)
    assert (result.p50_ms, result.p99_ms) == (0.87, 1200.0)


def test_a_run_without_figures_is_refused():
    with pytest.raises(ValueError):
        parse("unable to connect to 127.0.0.1:1 Connection refused")
