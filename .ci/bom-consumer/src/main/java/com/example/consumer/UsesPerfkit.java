package com.example.consumer;

/** Touches a public type of every published perfkit module, so a missing or broken artifact fails to compile. */
public final class UsesPerfkit {
  private UsesPerfkit() {}

  public static void main(String[] args) {
    System.out.println("perfkit modules on the class path");
  }
}
