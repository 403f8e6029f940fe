package io.greenhub.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;

/**
 * Plain commands that each answer an integer, written to the shared connection together
 * in one write: one packet, one read for Redis, one round trip, and no script. Redis runs
 * them in their order, but other connections' commands may run between them, so each
 * caller's commands must be safe under that (see {@link SemaphoreCommands}). Built and
 * sent by one thread; its future completes on Lettuce's event loop, or on the thread that
 * fails it (a timeout's, a kill's), which fails the commands not written yet so that they
 * never are.
 */
final class Pipeline {

	private final StatefulRedisConnection<String, String> connection;

	private final List<AsyncCommand<String, String, Long>> commands = new ArrayList<>(3);

	Pipeline(StatefulRedisConnection<String, String> connection) {
		this.connection = connection;
	}

	/**
	 * Adds a command whose arguments are bytes already (Lettuce writes them straight into
	 * the command's buffer).
	 */
	Pipeline add(CommandType type, byte[]... args) {
		CommandArgs<String, String> command = new CommandArgs<>(StringCodec.UTF8);
		for (byte[] arg : args) {
			command.add(arg);
		}
		this.commands.add(new AsyncCommand<>(new Command<>(type, new IntegerOutput<>(StringCodec.UTF8), command)));
		return this;
	}

	/**
	 * Sends the commands without waiting. The future completes with their answers in
	 * their order once the last has come, or with the first failure; failing or
	 * cancelling it fails every command not answered yet. It has no bound of its own:
	 * wait for it with {@link RedisCalls#await(String, CompletableFuture)}, or bound it
	 * with {@link RedisCalls#bounded(CompletableFuture)}.
	 */
	CompletableFuture<long[]> send() {
		List<AsyncCommand<String, String, Long>> commands = this.commands;
		this.connection.dispatch(commands);
		CompletableFuture<long[]> answers = new CompletableFuture<>();
		// Redis answers in order: once the last has its answer, so have the others (or
		// they failed, and so fail the answers)
		commands.get(commands.size() - 1).whenComplete((last, ex) -> {
			if (ex != null) {
				answers.completeExceptionally(ex);
				return;
			}
			long[] values = new long[commands.size()];
			for (int i = 0; i < values.length; i++) {
				AsyncCommand<String, String, Long> command = commands.get(i);
				if (command.isCompletedExceptionally()) {
					command.exceptionally((failure) -> {
						answers.completeExceptionally(failure);
						return null;
					});
					return;
				}
				values[i] = command.getNow(-1L);
			}
			answers.complete(values);
		});
		answers.whenComplete((values, ex) -> {
			if (ex != null) {
				for (AsyncCommand<String, String, Long> command : commands) {
					command.completeExceptionally(ex);
				}
			}
		});
		return answers;
	}

}
