package dev.tollgate.bench.load;

/**
 * What one run of the generator counted, summed over its connections. Latencies of successful (2xx) responses go
 * to the HdrHistogram recorder; everything else is an error of one of these kinds.
 *
 * @param ok        2xx responses
 * @param non2xx    responses with any other status
 * @param badBody   2xx responses whose body did not have the expected length
 * @param ioErrors  connect failures and connections closed or reset with a request in flight
 * @param timeouts  requests without a complete response within the timeout
 * @param unsent    open model only: requests due in the run that could not be sent before it was stopped
 * @param elapsedNanos from the run's start to its last response
 */
record RunCounts(long ok, long non2xx, long badBody, long ioErrors, long timeouts, long unsent, long elapsedNanos) {
    long errors() {
        return non2xx + badBody + ioErrors + timeouts + unsent;
    }

    RunCounts plus(RunCounts other) {
        return new RunCounts(ok + other.ok, non2xx + other.non2xx, badBody + other.badBody,
                ioErrors + other.ioErrors, timeouts + other.timeouts, unsent + other.unsent,
                elapsedNanos + other.elapsedNanos);
    }

    static RunCounts zero() {
        return new RunCounts(0, 0, 0, 0, 0, 0, 0);
    }
}
