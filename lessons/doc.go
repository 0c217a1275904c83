// Package lessons holds the walkthroughs and exercises that notebooks use.
package lessons
