package io.greenhub.internal;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a looker of work stealing makes of the carriers it sees: a carrier is held once
 * its count of turns has stood still, while it runs, for the threshold; a count that
 * moves, or a carrier seen waiting in between, starts the time again.
 */
class SightingsTests {

	private static final long THRESHOLD = TimeUnit.MILLISECONDS.toNanos(1);

	private static final long MICROSECOND = TimeUnit.MICROSECONDS.toNanos(1);

	@Test
	void aCarrierFirstSeenRunningIsHeldAThresholdLaterIfItsCountStandsStill() {
		Sightings seen = new Sightings(2, THRESHOLD);
		assertThat(seen.running(1, 7, 1_000)).isEqualTo(THRESHOLD);
		assertThat(seen.running(1, 7, 1_000 + 400 * MICROSECOND)).isEqualTo(600 * MICROSECOND);
		assertThat(seen.running(1, 7, 1_000 + THRESHOLD)).isZero();
		assertThat(seen.running(1, 7, 1_000 + 3 * THRESHOLD)).isNegative();
	}

	@Test
	void aCountThatMovesStartsTheTimeAgain() {
		Sightings seen = new Sightings(2, THRESHOLD);
		seen.running(0, 7, 1_000);
		assertThat(seen.running(0, 8, 1_000 + 900 * MICROSECOND)).isEqualTo(THRESHOLD);
		assertThat(seen.running(0, 8, 1_000 + 1_500 * MICROSECOND)).isEqualTo(400 * MICROSECOND);
	}

	@Test
	void aCarrierSeenWaitingInBetweenIsJudgedAfreshEvenWithTheSameCount() {
		Sightings seen = new Sightings(2, THRESHOLD);
		seen.running(0, 7, 1_000);
		seen.notRunning(0);
		assertThat(seen.running(0, 7, 1_000 + 5 * THRESHOLD)).isEqualTo(THRESHOLD);
	}

	@Test
	void eachCarrierIsJudgedOnItsOwn() {
		Sightings seen = new Sightings(3, THRESHOLD);
		seen.running(1, 7, 1_000);
		assertThat(seen.running(2, 7, 1_000 + THRESHOLD)).isEqualTo(THRESHOLD);
		assertThat(seen.running(1, 7, 1_000 + THRESHOLD)).isZero();
	}

}
