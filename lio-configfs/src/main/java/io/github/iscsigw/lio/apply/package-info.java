/**
 * The only writer: {@link io.github.iscsigw.lio.apply.Executor} runs a plan, renders it
 * as a dry run or a shell script.
 */
package io.github.iscsigw.lio.apply;
