/**
 * The LIO configuration engine: model, observe, plan and apply against configfs.
 */
package io.github.iscsigw.lio;
