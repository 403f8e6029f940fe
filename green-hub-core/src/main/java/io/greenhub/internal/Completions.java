package io.greenhub.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import io.greenhub.GreenThread;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads waiting for a green thread's outcome and the listeners linked to it: a
 * lock-free stack, replaced by a marker once the outcome is set, then run in the order it
 * was built.
 */
final class Completions<T extends @Nullable Object> {

	private static final Logger logger = LoggerFactory.getLogger(Completions.class);

	private static final Node DONE = new Node();

	private static final VarHandle HEAD;

	private static final VarHandle CLAIMED;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			HEAD = lookup.findVarHandle(Completions.class, "head", Node.class);
			CLAIMED = lookup.findVarHandle(Node.class, "claimed", boolean.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final DefaultGreenThread<T> owner;

	// Pushed onto by waiting and linking threads; swapped for DONE by the finishing
	// thread.
	private volatile @Nullable Node head;

	Completions(DefaultGreenThread<T> owner) {
		this.owner = owner;
	}

	/**
	 * Waits until the outcome is set, at most {@code nanos} unless it is negative, and
	 * returns it, or {@code null} if the time ran out.
	 */
	@Nullable Object await(long nanos) {
		Waiter waiter = new Waiter(Thread.currentThread());
		if (!push(waiter)) {
			return this.owner.outcome();
		}
		try {
			long deadline = (nanos >= 0) ? System.nanoTime() + nanos : 0L;
			Object result;
			while ((result = this.owner.outcome()) == null) {
				if (nanos < 0) {
					Blocking.park(this);
				}
				else {
					long left = deadline - System.nanoTime();
					if (left <= 0) {
						return null;
					}
					Blocking.parkNanos(this, left);
				}
			}
			return result;
		}
		finally {
			waiter.claim();
		}
	}

	void link(Object key, Consumer<? super GreenThread<T>> action) {
		Listener<T> listener = new Listener<>(key, action);
		if (!push(listener)) {
			fire(listener);
		}
	}

	boolean unlink(Object key) {
		for (Node node = this.head; node != null && node != DONE; node = node.next) {
			if (node instanceof Listener<?> listener && listener.key == key && listener.claim()) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Wakes every waiter and runs every listener, in the order they came; called once, by
	 * the thread that set the outcome.
	 */
	void complete() {
		Node node = (Node) HEAD.getAndSet(this, DONE);
		Node ordered = null;
		while (node != null) {
			Node next = node.next;
			node.next = ordered;
			ordered = node;
			node = next;
		}
		for (; ordered != null; ordered = ordered.next) {
			fire(ordered);
		}
	}

	private boolean push(Node node) {
		for (;;) {
			Node top = this.head;
			if (top == DONE) {
				return false;
			}
			if (top != null && top.claimed) {
				// a waiter that left or a listener unlinked: drop it rather than pile on
				// it
				HEAD.compareAndSet(this, top, top.next);
				continue;
			}
			node.next = top;
			if (HEAD.compareAndSet(this, top, node)) {
				return true;
			}
		}
	}

	@SuppressWarnings("unchecked")
	private void fire(Node node) {
		if (!node.claim()) {
			return;
		}
		if (node instanceof Waiter waiter) {
			LockSupport.unpark(waiter.thread);
		}
		else if (node instanceof Listener<?> listener) {
			try {
				((Listener<T>) listener).action.accept(this.owner);
			}
			catch (Throwable ex) {
				logger.error("Listener linked to {} failed", this.owner, ex);
			}
		}
	}

	private static class Node {

		// Written before the node is published by the compare-and-set of head.
		@Nullable Node next;

		// Set once by whoever takes the node: the finishing thread, a leaving waiter, or
		// unlink.
		volatile boolean claimed;

		boolean claim() {
			return !this.claimed && CLAIMED.compareAndSet(this, false, true);
		}

	}

	private static final class Waiter extends Node {

		final Thread thread;

		Waiter(Thread thread) {
			this.thread = thread;
		}

	}

	private static final class Listener<T extends @Nullable Object> extends Node {

		final Object key;

		final Consumer<? super GreenThread<T>> action;

		Listener(Object key, Consumer<? super GreenThread<T>> action) {
			this.key = key;
			this.action = action;
		}

	}

}
